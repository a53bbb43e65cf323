package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.StepPhase;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Setting an instance the rollout drains back to ACTIVE, when it lets go of it undrained. */
final class Reactivate {
    private Reactivate() {
    }

    /** The mutation that sets the instance ACTIVE again, if it is DRAINING. */
    static Optional<Mutation> ifDraining(Observation observed, String cluster, String instanceId) {
        return observed.containerInstance(instanceId)
                .filter(ci -> ci.status() == ContainerInstance.Status.DRAINING)
                .map(ci -> new Mutation.SetInstanceState(cluster, ci.arn(), instanceId, ContainerInstance.Status.ACTIVE));
    }

    /**
     * Instances of skipped steps that are still DRAINING in service are set ACTIVE again, asked
     * every tick until observed (a crash between deciding and doing would leave them DRAINING); so
     * are those the rollout drained before someone moved them to Standby.
     *
     * @return whether none is left DRAINING
     */
    static boolean skippedActive(Tick tick) {
        boolean done = true;
        for (InstanceStep s : tick.steps()) {
            boolean inService = tick.groupInstance(s.instanceId())
                    .map(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE || gi.lifecycle() == Lifecycle.STANDBY
                            && s.marks().stream().anyMatch(m -> m.phase() == StepPhase.DRAIN)).orElse(false);
            if (s.phase() != StepPhase.SKIPPED || !inService) {
                continue;
            }
            Optional<Mutation> m = ifDraining(tick.observed, tick.cluster(), s.instanceId());
            m.ifPresent(tick::mutate);
            done &= m.isEmpty();
        }
        return done;
    }

    /**
     * A rollout that handed what it gives back to a rollback (see {@link RolloutControl#handOver}):
     * its skipped instances still DRAINING in service go back to ACTIVE; once none is, it lets go of
     * the group.
     */
    static Decision afterHandOver(Rollout handed, Observation observed, Instant now) {
        Tick tick = new Tick(handed, observed, now);
        Rollout.Builder next = handed.toBuilder().updatedAt(now);
        if (skippedActive(tick)) {
            next.windingDown(false).nextCheckAt(null);
        } else {
            next.nextCheckAt(now.plus(handed.policy().pollInterval()));
        }
        return new Decision(next.build(), tick.mutations(), List.of());
    }
}
