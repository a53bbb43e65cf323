package dev.ecsami.operator.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The group as the rollout found it, captured before its first mutation: what the rollout will
 * change and must give back at the end, and what else acts on the group.
 *
 * @param capacityFloor        in-service ECS capacity that surge never lets fall below: the smaller of
 *                             the desired capacity and the instances that were really serving (others'
 *                             later changes of desired capacity move it, see {@link CapacityLedger})
 * @param suspendedByOperator  the processes the rollout suspends (those of its policy that were not
 *                             suspended already) and resumes when it ends, in any way
 * @param protectsReplacements whether the rollout protects the instances launched during it from
 *                             scale-in (not when the group or ECS managed termination protection does)
 * @param instancesAtStart     the group's instances when the rollout started
 * @param protectedAtStart     those of them that were protected from scale-in
 * @param terminatingHooks     the group's terminating lifecycle hooks
 * @param neighbours           what else acts on the group, as read at the start: capacity provider and its
 *                             settings, scaling policies, scheduled actions, hooks, weights
 */
public record Baseline(int desired, int min, int max, int capacityFloor, Set<String> suspendedByOperator,
                       boolean protectsReplacements, List<String> instancesAtStart, List<String> protectedAtStart,
                       List<Hook> terminatingHooks, List<String> neighbours) {

    public Baseline {
        suspendedByOperator = suspendedByOperator == null ? Set.of() : Set.copyOf(suspendedByOperator);
        instancesAtStart = instancesAtStart == null ? List.of() : List.copyOf(instancesAtStart);
        protectedAtStart = protectedAtStart == null ? List.of() : List.copyOf(protectedAtStart);
        terminatingHooks = terminatingHooks == null ? List.of() : List.copyOf(terminatingHooks);
        neighbours = neighbours == null ? List.of() : List.copyOf(neighbours);
    }

    /** Capacity only: nothing suspended, protected or hooked by the rollout. */
    public Baseline(int desired, int min, int max, int capacityFloor) {
        this(desired, min, max, capacityFloor, Set.of(), false, List.of(), List.of(), List.of(), List.of());
    }

    /** A terminating lifecycle hook: an instance waits in Terminating:Wait up to its heartbeat timeout. */
    public record Hook(String name, Duration heartbeatTimeout) {
    }

    /** The longest time an instance may wait in Terminating:Wait, or zero without terminating hooks. */
    public Duration longestHookWait() {
        return terminatingHooks.stream().map(Hook::heartbeatTimeout).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
