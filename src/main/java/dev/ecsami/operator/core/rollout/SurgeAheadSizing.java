package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Surge-ahead {@code auto}: boot replacements far enough ahead that a drain never waits for a boot,
 * ceil(boot / drain) per instance in flight, from the boots (INSTANCE_STARTED to REPLACEMENT_READY)
 * and drains (DRAIN_STARTED to DRAINED) this rollout has seen: a typical boot until it has seen one,
 * and a short drain ({@link #ASSUMED_DRAIN}) until it has seen one; capped by the room the group
 * allows when its max size may not be raised.
 */
final class SurgeAheadSizing {
    /** What the rollout's events tell when it sizes itself, followed by the size. */
    static final String ANNOUNCEMENT = "surge-ahead auto: ";
    /**
     * The drain assumed until one has been seen: short, a task's default stop timeout (30 s) and its
     * start elsewhere. Too few replacements ahead stall every drain of the first boot's wait for a
     * boot, while too many cost only idle instance-minutes until the first drain is seen and the
     * size follows it.
     */
    static final Duration ASSUMED_DRAIN = Duration.ofSeconds(45);

    /**
     * @param measured whether boot and drain were both observed, not assumed
     */
    record Size(int ahead, String why, boolean measured) {
        /**
         * Whether this size replaces a larger one announced before. Only a measured size at least
         * {@link #SHRINK_STEP} smaller does: replacements ahead that are given up make the group's
         * next launches go where terminations left gaps, not where the next old instances are, so
         * the size does not follow assumptions or the noise of the first few drains downwards.
         */
        boolean shrinks(int announced) {
            return measured && announced - ahead >= SHRINK_STEP;
        }
    }

    /** How much smaller than the size announced a measured size must be to replace it. */
    static final int SHRINK_STEP = 2;

    private SurgeAheadSizing() {
    }

    /** @param room replacements the group's max size leaves beyond those in flight, when it may not be raised */
    static Size size(RolloutPolicy policy, List<RolloutEvent> events, int room) {
        Optional<Duration> boot = ObservedDurations.boot(events);
        Optional<Duration> drain = ObservedDurations.drain(events);
        Duration b = boot.orElse(Planner.TYPICAL_BOOT);
        Duration d = drain.orElse(ASSUMED_DRAIN);
        int wanted = policy.maxInFlight() * (int) ceilDiv(b.toMillis(), Math.max(1, d.toMillis()));
        int ahead = policy.allowMaxSizeRaise() ? wanted : Math.min(wanted, Math.max(0, room));
        String why = (boot.isPresent() ? "observed" : "typical") + " boot " + b.toSeconds() + "s / "
                + (drain.isPresent() ? "observed" : "assumed") + " drain " + d.toSeconds() + "s"
                + (policy.maxInFlight() > 1 ? " x " + policy.maxInFlight() + " in flight" : "")
                + (ahead < wanted ? ", capped from " + wanted + " by the group's max size" : "");
        return new Size(ahead, why, boot.isPresent() && drain.isPresent());
    }

    /**
     * The size for this tick: a larger size replaces the one announced at once, a smaller one only
     * when it {@link Size#shrinks shrinks} it; a change is announced in a SURGE event.
     */
    static int ahead(Tick tick, int room) {
        Size size = size(tick.policy(), tick.rollout.events(), room);
        int announced = announced(tick.rollout.events());
        int ahead = size.ahead() < announced && !size.shrinks(announced) ? announced : size.ahead();
        if (announced != ahead) {
            tick.event(RolloutEvent.Type.SURGE, "", ANNOUNCEMENT + ahead + " (" + size.why() + ")");
        }
        return ahead;
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
