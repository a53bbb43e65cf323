package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.rollout.DurationText;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard writes times, durations, AMIs and policies. */
final class Text {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** Time since the rollout began: "+4m 05s". */
    static String offset(Instant start, Instant at) {
        return at == null ? "" : "+" + DurationText.of(Duration.between(start, at));
    }

    static String duration(Duration d) {
        return d == null ? "" : DurationText.of(d);
    }

    static String ami(AmiRef ami) {
        return ami == null ? "" : ami.imageId();
    }

    static String amiName(AmiRef ami) {
        return ami == null ? "" : ami.name();
    }

    static String lower(Enum<?> e) {
        return e == null ? "" : e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String policy(RolloutPolicy p) {
        return "max in flight " + p.maxInFlight()
                + (p.surge() ? ", surge (" + p.surgeAheadSetting() + " ahead)" : ", no surge")
                + ", drain timeout " + DurationText.of(p.drainTimeout()) + " then " + lower(p.onDrainTimeout())
                + (p.bakeTime().isZero() ? "" : ", bake " + DurationText.of(p.bakeTime()));
    }

    /** A share as an SVG length: "37.5%". */
    static String percent(long part, long whole) {
        return whole <= 0 ? "0%" : String.format(Locale.ROOT, "%.2f%%", 100.0 * part / whole);
    }
}
