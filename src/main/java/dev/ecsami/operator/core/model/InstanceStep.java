package dev.ecsami.operator.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The replacement of one outdated instance. Its marks are the persisted start times that every
 * timeout is measured from, so a restart does not reset them.
 *
 * @param containerInstanceArn empty when the instance never registered in the cluster
 * @param forced               terminated although its drain had not finished
 * @param purpose              why the rollout takes this instance out: see {@link Purpose}
 */
public record InstanceStep(String instanceId, String availabilityZone, String containerInstanceArn, StepPhase phase,
                           List<PhaseMark> marks, boolean forced, Purpose purpose) {

    public enum Purpose {
        /** An outdated instance, replaced by one on the new AMI. */
        REPLACE,
        /** Surplus capacity given back at the end: drained, then terminated decrementing desired capacity. */
        GIVE_BACK,
        /**
         * Before AZRebalance is resumed, an instance of the largest zone: drained, then terminated
         * without decrement so that the group launches its replacement in its smallest zone.
         */
        REBALANCE
    }

    public boolean giveBack() {
        return purpose == Purpose.GIVE_BACK;
    }

    /** Not the replacement of an outdated instance: capacity given back or zones evened out. */
    public boolean extra() {
        return purpose != Purpose.REPLACE;
    }

    public InstanceStep {
        purpose = purpose == null ? Purpose.REPLACE : purpose;
        containerInstanceArn = containerInstanceArn == null ? "" : containerInstanceArn;
        marks = List.copyOf(marks);
    }

    public static InstanceStep start(String instanceId, String az, String containerInstanceArn, StepPhase first,
                                     Instant now) {
        return new InstanceStep(instanceId, az, containerInstanceArn, first, List.of(new PhaseMark(first, now)), false,
                Purpose.REPLACE);
    }

    /** A step that is not a replacement, starting with its drain: it goes through the normal loop. */
    public static InstanceStep extra(Purpose purpose, String instanceId, String az, String containerInstanceArn,
                                     Instant now) {
        return new InstanceStep(instanceId, az, containerInstanceArn, StepPhase.DRAIN,
                List.of(new PhaseMark(StepPhase.DRAIN, now)), false, purpose);
    }

    public InstanceStep enter(StepPhase next, Instant now) {
        List<PhaseMark> m = new ArrayList<>(marks);
        m.add(new PhaseMark(next, now));
        return new InstanceStep(instanceId, availabilityZone, containerInstanceArn, next, m, forced, purpose);
    }

    /** Restarts the clock of the current phase, e.g. when a paused rollout resumes. */
    public InstanceStep restartPhaseClock(Instant now) {
        return enter(phase, now);
    }

    public InstanceStep markForced() {
        return new InstanceStep(instanceId, availabilityZone, containerInstanceArn, phase, marks, true, purpose);
    }

    public boolean registered() {
        return !containerInstanceArn.isEmpty();
    }

    /** When the current phase was (last) entered. */
    public Instant phaseSince() {
        return marks.get(marks.size() - 1).at();
    }

    public Instant startedAt() {
        return marks.get(0).at();
    }

    /** The first time this step entered the phase, if it did. */
    public Optional<Instant> firstEntered(StepPhase p) {
        return marks.stream().filter(m -> m.phase() == p).map(PhaseMark::at).findFirst();
    }

    /** The last time this step entered the phase, if it did. */
    public Optional<Instant> lastEntered(StepPhase p) {
        Instant found = null;
        for (PhaseMark m : marks) {
            if (m.phase() == p) {
                found = m.at();
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<Instant> finishedAt() {
        return phase.isFinished() ? Optional.of(phaseSince()) : Optional.empty();
    }
}
