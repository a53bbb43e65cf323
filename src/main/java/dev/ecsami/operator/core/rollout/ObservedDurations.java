package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.RolloutEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How long the waits of a rollout have taken so far, read from its events. */
final class ObservedDurations {
    private ObservedDurations() {
    }

    /** Launch of a replacement (its step started) to the replacement InService and ACTIVE. */
    static Optional<Duration> boot(List<RolloutEvent> events) {
        return mean(events, RolloutEvent.Type.INSTANCE_STARTED, RolloutEvent.Type.REPLACEMENT_READY);
    }

    /** DRAINING to no service or standalone task left. */
    static Optional<Duration> drain(List<RolloutEvent> events) {
        return mean(events, RolloutEvent.Type.DRAIN_STARTED, RolloutEvent.Type.DRAINED);
    }

    /** Drained to the services steady. */
    static Optional<Duration> steady(List<RolloutEvent> events) {
        return mean(events, RolloutEvent.Type.DRAINED, RolloutEvent.Type.SERVICES_STEADY);
    }

    /** Mean from the first {@code from} event of an instance to its next {@code to} event. */
    private static Optional<Duration> mean(List<RolloutEvent> events, RolloutEvent.Type from, RolloutEvent.Type to) {
        Map<String, Instant> open = new HashMap<>();
        long total = 0;
        int count = 0;
        for (RolloutEvent e : events) {
            if (e.type() == from && !e.instanceId().isEmpty()) {
                open.putIfAbsent(e.instanceId(), e.at());
            } else if (e.type() == to && open.containsKey(e.instanceId())) {
                total += Duration.between(open.remove(e.instanceId()), e.at()).toMillis();
                count++;
            }
        }
        return count == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(total / count));
    }
}
