package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When to look at a running rollout again: at the poll interval, or sooner when a wait in flight is
 * about to finish by what its kind took so far in this rollout (a drain, a replacement's boot, the
 * services' steadiness). A wait is looked at early at most once, when its expected end falls
 * within the next poll interval, so the reads stay within twice those of polling alone.
 */
final class NextLook {
    private NextLook() {
    }

    static Instant at(Rollout r, Instant now) {
        Instant polled = r.nextCheckAt();
        Instant soonest = polled;
        List<RolloutEvent> events = r.events();
        for (InstanceStep step : r.steps()) {
            Optional<Duration> expected = switch (step.phase()) {
                case DRAIN -> ObservedDurations.drain(events);
                case LAUNCH_REPLACEMENT -> ObservedDurations.boot(events);
                case WAIT_STEADY -> ObservedDurations.steady(events);
                default -> Optional.empty();
            };
            if (expected.isPresent()) {
                Instant end = step.phaseSince().plus(expected.get());
                if (end.isAfter(now) && end.isBefore(soonest)) {
                    soonest = end;
                }
            }
        }
        return soonest;
    }
}
