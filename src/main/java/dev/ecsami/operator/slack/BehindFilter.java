package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.port.Notifier.Behind;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a periodic check from repeating itself: a target is announced when it is first reported
 * behind, when a newer AMI appears for it, or when its pending rollout changes; not again on every
 * check while that stays the same. Works whether a call reports all targets or only some.
 */
final class BehindFilter {
    /** Per target name, what was last announced. Bounded by the number of configured targets. */
    private final Map<String, String> announced = new HashMap<>();

    synchronized List<Behind> news(List<Behind> behind) {
        List<Behind> fresh = behind.stream()
                .filter(b -> !Objects.equals(announced.get(b.target().name()), signature(b))).toList();
        fresh.forEach(b -> announced.put(b.target().name(), signature(b)));
        return fresh;
    }

    private static String signature(Behind b) {
        return b.latest().imageId() + "|" + (b.pendingRolloutId() == null ? "" : b.pendingRolloutId());
    }
}
