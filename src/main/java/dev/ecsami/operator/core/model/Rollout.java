package dev.ecsami.operator.core.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A move of one target from one AMI to another. Immutable: the engine returns a new one each tick.
 *
 * @param baseline    null until the first mutation is about to happen
 * @param preflight   null until pre-flight ran
 * @param nextCheckAt when the scheduler should look again
 * @param toReplace   instances this rollout replaces as far as it knows now: those it has begun
 *                    and the outdated ones still to come
 * @param capacity    desired, serving and floor capacity as ticks observed them, bounded
 *                    ({@link CapacitySample#append})
 * @param ledger      its account of desired capacity and max size, null until the baseline
 * @param windingDown ended (aborted or failed) but still giving back what it changed: surge
 *                    capacity, max size, scale-in protection, suspended processes
 * @param handedTo    the rollback that took over what it gives back, or null; while still winding
 *                    down, it only sets the instances it let go of back to ACTIVE
 */
public record Rollout(
        String id,
        String target,
        String cluster,
        String autoScalingGroup,
        AmiRef fromAmi,
        AmiRef toAmi,
        Trigger trigger,
        RolloutState state,
        String reason,
        RolloutPolicy policy,
        Baseline baseline,
        List<Finding> preflight,
        List<InstanceStep> steps,
        List<RolloutEvent> events,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt,
        Instant nextCheckAt,
        int toReplace,
        List<CapacitySample> capacity,
        CapacityLedger ledger,
        boolean windingDown,
        String handedTo) {
    /** The order of every listing: newest first, the id breaking ties. */
    public static final Comparator<Rollout> NEWEST_FIRST = Comparator.comparing(Rollout::createdAt)
            .thenComparing(Rollout::id).reversed();


    public Rollout {
        reason = reason == null ? "" : reason;
        preflight = preflight == null ? null : List.copyOf(preflight);
        steps = List.copyOf(steps);
        events = List.copyOf(events);
        capacity = capacity == null ? List.of() : List.copyOf(capacity);
    }

    /** A rollout with no capacity sample yet. */
    public Rollout(String id, String target, String cluster, String autoScalingGroup, AmiRef fromAmi, AmiRef toAmi,
                   Trigger trigger, RolloutState state, String reason, RolloutPolicy policy, Baseline baseline,
                   List<Finding> preflight, List<InstanceStep> steps, List<RolloutEvent> events, Instant createdAt,
                   Instant updatedAt, Instant finishedAt, Instant nextCheckAt, int toReplace) {
        this(id, target, cluster, autoScalingGroup, fromAmi, toAmi, trigger, state, reason, policy, baseline,
                preflight, steps, events, createdAt, updatedAt, finishedAt, nextCheckAt, toReplace, List.of(), null,
                false, null);
    }

    public Optional<InstanceStep> step(String instanceId) {
        return steps.stream().filter(s -> s.instanceId().equals(instanceId)).findFirst();
    }

    public List<InstanceStep> inFlight() {
        return steps.stream().filter(s -> !s.phase().isFinished()).toList();
    }

    public long replacedCount() {
        return steps.stream().filter(s -> s.phase() == StepPhase.DONE).count();
    }

    /** Still holds the group: not final, or final and still giving back what it changed. */
    public boolean holdsGroup() {
        return state.isActive() || windingDown;
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes the fields a rollout's life changes; identity, AMIs, trigger and policy stay. */
    public static final class Builder {
        private final Rollout from;
        private RolloutState state;
        private String reason;
        private Baseline baseline;
        private List<Finding> preflight;
        private List<InstanceStep> steps;
        private final List<RolloutEvent> events;
        private Instant updatedAt;
        private Instant finishedAt;
        private Instant nextCheckAt;
        private int toReplace;
        private List<CapacitySample> capacity;
        private CapacityLedger ledger;
        private boolean windingDown;
        private String handedTo;

        private Builder(Rollout r) {
            from = r;
            state = r.state;
            reason = r.reason;
            baseline = r.baseline;
            preflight = r.preflight;
            steps = r.steps;
            events = new java.util.ArrayList<>(r.events);
            updatedAt = r.updatedAt;
            finishedAt = r.finishedAt;
            nextCheckAt = r.nextCheckAt;
            toReplace = r.toReplace;
            capacity = r.capacity;
            ledger = r.ledger;
            windingDown = r.windingDown;
            handedTo = r.handedTo;
        }

        public Builder handedTo(String successor) {
            handedTo = successor;
            return this;
        }

        public Builder ledger(CapacityLedger l) {
            ledger = l;
            return this;
        }

        public Builder windingDown(boolean w) {
            windingDown = w;
            return this;
        }

        public Builder state(RolloutState s, String why) {
            state = s;
            reason = why;
            return this;
        }

        public Builder baseline(Baseline b) {
            baseline = b;
            return this;
        }

        public Builder preflight(List<Finding> f) {
            preflight = f;
            return this;
        }

        public Builder steps(List<InstanceStep> s) {
            steps = s;
            return this;
        }

        public Builder events(List<RolloutEvent> added) {
            events.addAll(added);
            return this;
        }

        public Builder updatedAt(Instant at) {
            updatedAt = at;
            return this;
        }

        public Builder finishedAt(Instant at) {
            finishedAt = at;
            return this;
        }

        public Builder nextCheckAt(Instant at) {
            nextCheckAt = at;
            return this;
        }

        public Builder toReplace(int n) {
            toReplace = n;
            return this;
        }

        /** Records what a tick observed of the group's capacity. */
        public Builder capacity(CapacitySample sample) {
            capacity = CapacitySample.append(capacity, sample);
            return this;
        }

        public Rollout build() {
            return new Rollout(from.id, from.target, from.cluster, from.autoScalingGroup, from.fromAmi, from.toAmi,
                    from.trigger, state, reason, from.policy, baseline, preflight, steps, events, from.createdAt,
                    updatedAt, finishedAt, nextCheckAt, toReplace, capacity, ledger, windingDown, handedTo);
        }
    }
}
