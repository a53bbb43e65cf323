package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Plans a rollout from the observed fleet: order, pre-flight findings and an estimate. Pure. */
public final class Planner {
    /** Typical launch to ACTIVE in the cluster. */
    static final Duration TYPICAL_BOOT = Duration.ofMinutes(3);
    /** Typical drain of a container instance, service tasks moved and stopped. */
    static final Duration TYPICAL_DRAIN = Duration.ofMinutes(2);
    /** Typical wait for services to report steady after a drain. */
    static final Duration TYPICAL_STEADY = Duration.ofSeconds(30);

    private Planner() {
    }

    public static Plan plan(Target target, RolloutPolicy policy, Observation observed, AmiRef from, AmiRef to) {
        List<GroupInstance> outdated = OutdatedInstances.select(observed, to.imageId());
        List<Plan.PlannedInstance> order = outdated.stream().map(gi -> {
            Optional<ContainerInstance> ci = observed.containerInstance(gi.instanceId());
            return new Plan.PlannedInstance(gi.instanceId(), gi.availabilityZone(), ci.isPresent(),
                    ci.map(ContainerInstance::runningTasks).orElse(0));
        }).toList();
        return new Plan(target.name(), from, to, policy, order, Preflight.check(observed, policy, outdated),
                estimate(policy, order.size()));
    }

    /**
     * Batches of max-in-flight instances. Without surge each batch drains, waits for steady
     * services, bakes, then waits for the group's replacement to boot (so does surge without
     * replacements ahead). With replacements booting ahead, one boot comes first; then a batch
     * takes its drain, steady check and bake, or its share of a boot if that is longer.
     */
    static Duration estimate(RolloutPolicy policy, int instances) {
        if (instances == 0) {
            return Duration.ZERO;
        }
        int batches = (instances + policy.maxInFlight() - 1) / policy.maxInFlight();
        Duration work = TYPICAL_DRAIN.plus(TYPICAL_STEADY).plus(policy.bakeTime());
        int ahead = policy.surgeAheadAuto() ? SurgeAheadSizing.size(policy, List.of(), Integer.MAX_VALUE).ahead()
                : policy.surgeAhead();
        if (!policy.surge() || ahead == 0) {
            return work.plus(TYPICAL_BOOT).multipliedBy(batches);
        }
        Duration perBatch = max(work, TYPICAL_BOOT.dividedBy(ahead));
        return TYPICAL_BOOT.plus(perBatch.multipliedBy(batches));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
