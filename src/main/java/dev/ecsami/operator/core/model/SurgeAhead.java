package dev.ecsami.operator.core.model;

/**
 * The surge-ahead setting as written: {@code auto}, or a fixed number of replacements booted ahead.
 *
 * @param auto  sized from the rollout's observed boot and drain durations
 * @param fixed the number ahead when not auto
 */
public record SurgeAhead(boolean auto, int fixed) {
    public static final SurgeAhead AUTO = new SurgeAhead(true, 0);

    public SurgeAhead {
        if (fixed < 0) {
            throw new IllegalArgumentException("must be auto or a whole number 0 or more, was " + fixed);
        }
    }

    /** @throws IllegalArgumentException saying what was expected */
    public static SurgeAhead parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            return new SurgeAhead(false, Integer.parseInt(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be auto or a whole number 0 or more, was '" + t + "'", e);
        }
    }

    public RolloutPolicy applyTo(RolloutPolicy p) {
        return auto ? p.withSurgeAheadAuto() : p.withSurgeAhead(fixed);
    }

    @Override
    public String toString() {
        return auto ? "auto" : Integer.toString(fixed);
    }
}
