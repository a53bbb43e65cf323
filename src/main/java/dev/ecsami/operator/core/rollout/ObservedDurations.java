package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.RolloutEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How long the waits of a rollout have taken so far, read from its events. */
final class ObservedDurations {
    /** A kind of wait, from the event that opens it for an instance to the one that closes it. */
    enum Wait {
        /** Launch of a replacement (its step started) to the replacement InService and ACTIVE. */
        BOOT(RolloutEvent.Type.INSTANCE_STARTED, RolloutEvent.Type.REPLACEMENT_READY, Planner.TYPICAL_BOOT),
        /** DRAINING to no service or standalone task left. */
        DRAIN(RolloutEvent.Type.DRAIN_STARTED, RolloutEvent.Type.DRAINED, Planner.TYPICAL_DRAIN),
        /** Drained to the services steady. */
        STEADY(RolloutEvent.Type.DRAINED, RolloutEvent.Type.SERVICES_STEADY, Planner.TYPICAL_STEADY);

        final RolloutEvent.Type from;
        final RolloutEvent.Type to;
        /** What it usually takes, before one has been seen. */
        final Duration typical;

        Wait(RolloutEvent.Type from, RolloutEvent.Type to, Duration typical) {
            this.from = from;
            this.to = to;
            this.typical = typical;
        }
    }

    private ObservedDurations() {
    }

    static Optional<Duration> boot(List<RolloutEvent> events) {
        return mean(all(events, Wait.BOOT));
    }

    static Optional<Duration> drain(List<RolloutEvent> events) {
        return mean(all(events, Wait.DRAIN));
    }

    static Optional<Duration> steady(List<RolloutEvent> events) {
        return mean(all(events, Wait.STEADY));
    }

    /**
     * Each wait of the kind seen to its end, from the first opening event of an instance to its next
     * closing one. A replacement found ready the moment the instance before it was done had booted
     * earlier and waited for its turn: that wait tells only that the boot was shorter, so it is not
     * counted as a boot.
     */
    static List<Duration> all(List<RolloutEvent> events, Wait wait) {
        Map<String, Instant> open = new HashMap<>();
        List<Duration> seen = new ArrayList<>();
        Instant turnCame = null;
        for (RolloutEvent e : events) {
            if (e.type() == RolloutEvent.Type.SERVICES_STEADY) {
                turnCame = e.at();
            }
            if (e.type() == wait.from && !e.instanceId().isEmpty()) {
                open.putIfAbsent(e.instanceId(), e.at());
            } else if (e.type() == wait.to && open.containsKey(e.instanceId())) {
                Instant from = open.remove(e.instanceId());
                if (wait != Wait.BOOT || !e.at().equals(turnCame)) {
                    seen.add(Duration.between(from, e.at()));
                }
            }
        }
        return seen;
    }

    private static Optional<Duration> mean(List<Duration> seen) {
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        long total = 0;
        for (Duration d : seen) {
            total += d.toMillis();
        }
        return Optional.of(Duration.ofMillis(total / seen.size()));
    }
}
