package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;

import java.time.Duration;
import java.util.List;

/**
 * Surge-ahead {@code auto}: boot replacements far enough ahead that a drain never waits for a boot,
 * ceil(boot / drain) per instance in flight, from the boots (INSTANCE_STARTED to REPLACEMENT_READY)
 * and drains (DRAIN_STARTED to DRAINED) this rollout has seen, typical durations until it has seen
 * one of each; capped by the room the group allows when its max size may not be raised.
 */
final class SurgeAheadSizing {
    /** What the rollout's events tell when it sizes itself, followed by the size. */
    static final String ANNOUNCEMENT = "surge-ahead auto: ";

    record Size(int ahead, String why) {
    }

    private SurgeAheadSizing() {
    }

    /** @param room replacements the group's max size leaves beyond those in flight, when it may not be raised */
    static Size size(RolloutPolicy policy, List<RolloutEvent> events, int room) {
        Duration boot = ObservedDurations.boot(events).orElse(null);
        Duration drain = ObservedDurations.drain(events).orElse(null);
        boolean observed = boot != null && drain != null;
        Duration b = observed ? boot : Planner.TYPICAL_BOOT;
        Duration d = observed ? drain : Planner.TYPICAL_DRAIN;
        int wanted = policy.maxInFlight() * (int) ceilDiv(b.toMillis(), Math.max(1, d.toMillis()));
        int ahead = policy.allowMaxSizeRaise() ? wanted : Math.min(wanted, Math.max(0, room));
        String why = (observed ? "observed" : "typical") + " boot " + b.toSeconds() + "s / drain " + d.toSeconds()
                + "s" + (policy.maxInFlight() > 1 ? " x " + policy.maxInFlight() + " in flight" : "")
                + (ahead < wanted ? ", capped from " + wanted + " by the group's max size" : "");
        return new Size(ahead, why);
    }

    /** The size the rollout's events last announced, or -1 when none was. */
    static int announced(List<RolloutEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            RolloutEvent e = events.get(i);
            if (e.type() == RolloutEvent.Type.SURGE && e.message().startsWith(ANNOUNCEMENT)) {
                String rest = e.message().substring(ANNOUNCEMENT.length());
                int end = rest.indexOf(' ');
                return Integer.parseInt(end < 0 ? rest : rest.substring(0, end));
            }
        }
        return -1;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
