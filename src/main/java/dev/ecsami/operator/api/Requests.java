package dev.ecsami.operator.api;

import dev.ecsami.operator.core.model.OnDrainTimeout;
import dev.ecsami.operator.runtime.CommandRejected;
import dev.ecsami.operator.runtime.Overrides;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** Request bodies of the API and how their fields are read. */
public final class Requests {
    private Requests() {
    }

    /**
     * POST /api/rollouts and POST /api/targets/{name}/plan.
     *
     * @param target           a configured target, or empty with cluster + autoScalingGroup
     * @param ami              an explicit AMI id instead of the target's source
     * @param drainTimeout     e.g. "45m", "2h", "PT30M"
     * @param dryRun           return the plan only, change nothing
     */
    public record StartRollout(String target, String cluster, String autoScalingGroup, String ami,
                               Integer maxInFlight, Boolean surge, String surgeAhead, String drainTimeout,
                               String onDrainTimeout, String bakeTime, Boolean dryRun) {

        public Overrides overrides() {
            return new Overrides(Optional.ofNullable(maxInFlight), Optional.ofNullable(surge),
                    Optional.ofNullable(surgeAhead), duration("drainTimeout", drainTimeout), Requests.onDrainTimeout(onDrainTimeout),
                    duration("bakeTime", bakeTime));
        }

        public boolean isDryRun() {
            return Boolean.TRUE.equals(dryRun);
        }
    }

    /** POST /api/rollouts/{id}/pause. */
    public record Pause(String reason) {
    }

    static Optional<Duration> duration(String field, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            if (v.matches("\\d+")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            if (v.matches("\\d+(ms|s|m|h)")) {
                return Optional.of(v.endsWith("ms") ? Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)))
                        : Duration.parse("PT" + v.toUpperCase(Locale.ROOT)));
            }
            if (v.matches("\\d+d")) {
                return Optional.of(Duration.parse("P" + v.toUpperCase(Locale.ROOT)));
            }
            return Optional.of(Duration.parse(v));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, field, field + " '" + value
                    + "' is not a duration; expected e.g. 90s, 30m, 2h or PT30M");
        }
    }

    static Optional<OnDrainTimeout> onDrainTimeout(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OnDrainTimeout.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "onDrainTimeout", "onDrainTimeout '" + value
                    + "' must be pause or force");
        }
    }
}
