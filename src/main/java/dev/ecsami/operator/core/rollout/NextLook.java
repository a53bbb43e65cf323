package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.StepPhase;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When to look at a running rollout again: at the poll interval, or sooner when a wait in flight is
 * about to finish by what its kind took so far in this rollout (a drain, the services' steadiness,
 * and a replacement's boot when a drain slot waits for it). A wait seen at a poll may have ended up
 * to one poll interval before, so from the shortest such wait seen less one poll interval, the
 * rollout is looked at every third of the poll interval until the longest seen has passed (at most
 * two poll intervals later), then at the poll interval again; a wait costs at most that many reads.
 * Until a wait of its kind has been seen, the first is looked at every third of the poll interval
 * up to its typical duration (once per rollout). A termination just asked for, and a tick that moved
 * the rollout on with no step in flight (it started, or gives back what it changed), are followed
 * by one quick look.
 */
final class NextLook {
    /** Quick looks are never closer than this. */
    static final Duration SHORTEST = Duration.ofSeconds(1);

    private NextLook() {
    }

    /** The interval of quick looks: a third of the poll interval. */
    static Duration quick(RolloutPolicy policy) {
        Duration third = policy.pollInterval().dividedBy(3);
        return third.compareTo(SHORTEST) < 0 ? SHORTEST : third;
    }

    /** @param movedOn whether the tick that decided {@code r} recorded events or changed AWS */
    static Instant at(Rollout r, Instant now, boolean movedOn) {
        Duration quick = quick(r.policy());
        Instant soonest = r.nextCheckAt();
        if (movedOn && r.inFlight().isEmpty()) {
            soonest = earlier(soonest, now.plus(quick));
        }
        boolean slotFree = r.steps().stream().noneMatch(s -> s.phase().holdsSlot(r.policy()));
        Map<ObservedDurations.Wait, List<Duration>> seen = new EnumMap<>(ObservedDurations.Wait.class);
        for (InstanceStep step : r.steps()) {
            if (step.phase() == StepPhase.TERMINATE && now.isBefore(step.phaseSince().plus(quick))) {
                soonest = earlier(soonest, step.phaseSince().plus(quick));
            }
            ObservedDurations.Wait wait = switch (step.phase()) {
                case DRAIN -> ObservedDurations.Wait.DRAIN;
                case WAIT_STEADY -> ObservedDurations.Wait.STEADY;
                case LAUNCH_REPLACEMENT -> slotFree ? ObservedDurations.Wait.BOOT : null;
                default -> null;
            };
            if (wait == null) {
                continue;
            }
            List<Duration> took = seen.computeIfAbsent(wait, w -> ObservedDurations.all(r.events(), w));
            if (took.isEmpty()) {
                if (now.isBefore(step.phaseSince().plus(wait.typical))) {
                    soonest = earlier(soonest, now.plus(quick));
                }
                continue;
            }
            Instant from = later(step.phaseSince(), step.phaseSince().plus(Collections.min(took))
                    .minus(r.policy().pollInterval()));
            Instant longest = step.phaseSince().plus(Collections.max(took));
            Instant until = earlier(longest, from.plus(r.policy().pollInterval().multipliedBy(2))).plus(quick);
            if (now.isBefore(from)) {
                soonest = earlier(soonest, from);
            } else if (now.isBefore(until)) {
                soonest = earlier(soonest, now.plus(quick));
            }
        }
        return soonest;
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    private static Instant earlier(Instant a, Instant b) {
        return b.isBefore(a) ? b : a;
    }
}
