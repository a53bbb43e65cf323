package dev.ecsami.operator.core.rollout;

import java.time.Duration;

/** Durations as people read them: "1h 02m", "4m 05s", "12s". */
public final class DurationText {
    private DurationText() {
    }

    public static String of(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s >= 3600) {
            return String.format("%dh %02dm", s / 3600, (s % 3600) / 60);
        }
        if (s >= 60) {
            return String.format("%dm %02ds", s / 60, s % 60);
        }
        return s + "s";
    }
}
