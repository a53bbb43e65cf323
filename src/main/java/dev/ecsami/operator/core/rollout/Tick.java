package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.Baseline;
import dev.ecsami.operator.core.model.CapacityLedger;
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
    private final Set<String> decrementing = new HashSet<>();
    private Mutation.SetCapacity capacity;
    private int desired;
    private int maxSize;
    private List<GroupInstance> outdated;
    private Integer ahead;
    final CapacityLedger ledger;
    private final Observation.Lookup lookup;

    Tick(Rollout rollout, Observation observed, Instant now) {
        this.rollout = rollout;
        this.observed = observed;
        this.now = now;
        this.lookup = observed.lookup();
        this.ledger = rollout.ledger() == null
                ? CapacityLedger.start(observed.group().desired(), observed.group().max())
                : rollout.ledger().observe(observed.group().desired(), observed.group().max(),
                id -> lookup.groupInstance(id).map(gi -> gi.lifecycle().isLeaving()).orElse(true));
        this.steps = new ArrayList<>(rollout.steps());
        this.desired = observed.group().desired();
        this.maxSize = observed.group().max();
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

    /**
     * Records a mutation. Capacity changes are absolute, so only the last one of a tick is kept, and
     * it runs after the terminations: a termination that decrements must not undo it. A mutation
     * asked for twice in a tick is made once.
     */
    void mutate(Mutation m) {
        if (mutations.contains(m)) {
            return;
        }
        if (m instanceof Mutation.SetInstanceState s && s.status() == ContainerInstance.Status.DRAINING) {
            drainedThisTick.add(s.instanceId());
        }
        if (m instanceof Mutation.SetCapacity c) {
            capacity = c;
            desired = c.desired();
            maxSize = c.max();
            return;
        }
        if (m instanceof Mutation.Terminate t && t.decrementDesired()
                && groupInstance(t.instanceId()).map(gi -> !gi.lifecycle().isLeaving()).orElse(false)) {
            desired--;
            decrementing.add(t.instanceId());
        }
        mutations.add(m);
    }

    /** Records a mutation that must run before every other of this tick. */
    void mutateFirst(Mutation m) {
        mutations.add(0, m);
    }

    /** Whether this tick changes capacity or terminates an instance. */
    boolean movesCapacity() {
        return capacity != null || mutations.stream().anyMatch(m -> m instanceof Mutation.Terminate);
    }

    /**
     * Raises desired capacity to {@code wanted}. A slot that a termination of this tick would give
     * back is kept instead: that instance is terminated without decrementing, and the group's own
     * replacement for it is the launch wanted. Only what is still missing is set.
     *
     * @return the instances the group replaces
     */
    List<String> raiseDesired(int wanted, int max) {
        List<String> replaced = new ArrayList<>();
        for (int i = 0; i < mutations.size() && desired < wanted; i++) {
            if (mutations.get(i) instanceof Mutation.Terminate t && decrementing.remove(t.instanceId())) {
                mutations.set(i, new Mutation.Terminate(t.group(), t.instanceId(), false));
                replaced.add(t.instanceId());
                desired++;
            }
        }
        if (desired < wanted || max != maxSize) {
            mutate(new Mutation.SetCapacity(group(), Math.max(desired, wanted), max));
        }
        return replaced;
    }

    Optional<Mutation.SetCapacity> capacityChange() {
        return Optional.ofNullable(capacity);
    }

    /** The group's desired capacity once this tick's mutations are done. */
    int desired() {
        return desired;
    }

    /** The group's max size once this tick's mutations are done. */
    int maxSize() {
        return maxSize;
    }

    /** The ledger as it stands once this tick's mutations are done, to persist. */
    CapacityLedger ledgerAfter() {
        List<String> decrements = new ArrayList<>();
        for (Mutation m : mutations) {
            if (m instanceof Mutation.Terminate t && decrementing.contains(t.instanceId())) {
                decrements.add(t.instanceId());
            }
        }
        return ledger.expect(observed.group().desired(), decrements, capacity == null ? null : capacity.desired(),
                observed.group().max(), capacity == null ? null : capacity.max());
    }

    /**
     * Serving capacity the rollout keeps: the floor at the start moved by others' net change of
     * desired capacity since (a scale-out raises it, a scale-in lowers it), never the operator's own.
     */
    int floor() {
        return Math.max(0, baseline().capacityFloor() + ledger.othersNet());
    }

    /**
     * Desired capacity without the rollout: the baseline plus what others changed since, within
     * the group's min and max as they are now.
     */
    int desiredWithoutRollout() {
        int wanted = baseline().desired() + ledger.othersNet();
        return Math.max(observed.group().min(), Math.min(observed.group().max(), wanted));
    }

    List<RolloutEvent> events() {
        return events;
    }

    List<Mutation> mutations() {
        if (capacity == null) {
            return mutations;
        }
        List<Mutation> all = new ArrayList<>(mutations);
        all.add(capacity);
        return all;
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
            outdated = OutdatedInstances.inReplacementOrder(this);
        }
        return outdated;
    }

    Optional<GroupInstance> groupInstance(String instanceId) {
        return lookup.groupInstance(instanceId);
    }

    Optional<ContainerInstance> containerInstance(String instanceId) {
        return lookup.containerInstance(instanceId);
    }

    /** Serving ECS capacity, less the instances this tick has already decided to drain. */
    int servingCapacity() {
        int n = observed.servingCapacity();
        for (String id : drainedThisTick) {
            if (lookup.serves(id)) {
                n--;
            }
        }
        return n;
    }

    boolean serves(String instanceId) {
        return !drainedThisTick.contains(instanceId) && lookup.serves(instanceId);
    }

    /**
     * Extra capacity that surge holds: one per step from the moment it asks for a replacement
     * until it terminates its old instance (which gives the slot back by decrementing).
     */
    int surgeSlots() {
        if (!policy().surge()) {
            return 0;
        }
        return (int) steps.stream().filter(s -> !s.giveBack()).filter(s -> s.phase() == StepPhase.LAUNCH_REPLACEMENT
                || s.phase() == StepPhase.DRAIN || s.phase() == StepPhase.WAIT_STEADY).count();
    }

    /** Steps still waiting for a replacement after the registration timeout. */
    int overdueLaunches() {
        return (int) steps.stream().filter(s -> s.phase() == StepPhase.LAUNCH_REPLACEMENT
                && elapsed(s.phaseSince(), policy().registrationTimeout())).count();
    }

    /** Steps counting against max-in-flight, see {@link StepPhase#holdsSlot}. */
    int slotsInUse() {
        return (int) steps.stream().filter(s -> s.phase().holdsSlot(policy())).count();
    }

    /**
     * Steps this rollout may have launching or holding a slot: max-in-flight, and with surge the
     * replacements booting ahead.
     */
    int admissionLimit() {
        return policy().surge() ? policy().maxInFlight() + surgeAhead() : policy().maxInFlight();
    }

    /**
     * Replacements to boot ahead, below the group's max size when it may not be raised. With auto,
     * sized once per tick from the rollout's events, and announced in an event when the size changes.
     */
    int surgeAhead() {
        if (ahead == null) {
            int room = Math.max(0, baseline().max() - baseline().desired() - policy().maxInFlight());
            ahead = policy().surgeAheadAuto() ? SurgeAheadSizing.ahead(this, room)
                    : policy().allowMaxSizeRaise() ? policy().surgeAhead() : Math.min(policy().surgeAhead(), room);
        }
        return ahead;
    }

    /** Steps launching a replacement or holding a slot, the ones {@link #admissionLimit()} bounds. */
    int admitted() {
        return (int) steps.stream().filter(s -> s.phase() == StepPhase.LAUNCH_REPLACEMENT
                || s.phase().holdsSlot(policy())).count();
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
