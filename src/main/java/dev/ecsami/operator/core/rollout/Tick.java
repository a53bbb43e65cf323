package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.Baseline;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.StepPhase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The working state of one tick: what was observed, the clock, and what the tick has decided so
 * far. Step handlers read from it and record events and mutations into it.
 */
final class Tick {
    final Rollout rollout;
    final Observation observed;
    final Instant now;
    private final List<InstanceStep> steps;
    private final List<RolloutEvent> events = new ArrayList<>();
    private final List<Mutation> mutations = new ArrayList<>();
    private final Set<String> drainedThisTick = new HashSet<>();
    private List<GroupInstance> outdated;

    Tick(Rollout rollout, Observation observed, Instant now) {
        this.rollout = rollout;
        this.observed = observed;
        this.now = now;
        this.steps = new ArrayList<>(rollout.steps());
    }

    RolloutPolicy policy() {
        return rollout.policy();
    }

    Baseline baseline() {
        return rollout.baseline();
    }

    String cluster() {
        return rollout.cluster();
    }

    String group() {
        return rollout.autoScalingGroup();
    }

    void event(RolloutEvent.Type type, String instanceId, String message) {
        events.add(new RolloutEvent(now, type, instanceId, message, RolloutEvent.ENGINE));
    }

    void mutate(Mutation m) {
        if (m instanceof Mutation.SetInstanceState s && s.status() == ContainerInstance.Status.DRAINING) {
            drainedThisTick.add(s.instanceId());
        }
        mutations.add(m);
    }

    List<RolloutEvent> events() {
        return events;
    }

    List<Mutation> mutations() {
        return mutations;
    }

    List<InstanceStep> steps() {
        return steps;
    }

    void replace(InstanceStep updated) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).instanceId().equals(updated.instanceId())) {
                steps.set(i, updated);
                return;
            }
        }
        steps.add(updated);
    }

    /** The outdated instances in replacement order; the observation does not change within a tick. */
    List<GroupInstance> outdated() {
        if (outdated == null) {
            outdated = OutdatedInstances.select(observed, rollout.toAmi().imageId());
        }
        return outdated;
    }

    Optional<GroupInstance> groupInstance(String instanceId) {
        return observed.group().instance(instanceId);
    }

    Optional<ContainerInstance> containerInstance(String instanceId) {
        return observed.containerInstance(instanceId);
    }

    /** Serving ECS capacity, less the instances this tick has already decided to drain. */
    int servingCapacity() {
        int n = observed.servingCapacity();
        for (String id : drainedThisTick) {
            if (observed.serves(id)) {
                n--;
            }
        }
        return n;
    }

    boolean serves(String instanceId) {
        return !drainedThisTick.contains(instanceId) && observed.serves(instanceId);
    }

    /**
     * Extra capacity that surge holds: one per step from the moment it asks for a replacement
     * until it terminates its old instance (which gives the slot back by decrementing).
     */
    int surgeSlots() {
        if (!policy().surge()) {
            return 0;
        }
        return (int) steps.stream().filter(s -> s.phase() == StepPhase.LAUNCH_REPLACEMENT
                || s.phase() == StepPhase.DRAIN || s.phase() == StepPhase.WAIT_STEADY).count();
    }

    /** Other in-flight steps whose instance does not serve: drained, terminating or gone. */
    int othersOutOfService(String instanceId) {
        return (int) steps.stream()
                .filter(s -> !s.instanceId().equals(instanceId) && !s.phase().isFinished())
                .filter(s -> !serves(s.instanceId()))
                .count();
    }

    boolean elapsed(Instant since, Duration limit) {
        return !now.isBefore(since.plus(limit));
    }
}
