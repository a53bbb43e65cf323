package dev.ecsami.operator.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The group's capacity as one tick observed it: what the group wants, what really serves ECS
 * tasks, and the floor surge must not go below (0 before the baseline is taken).
 */
public record CapacitySample(Instant at, int desired, int serving, int floor) {
    /** Samples a rollout keeps at most; beyond, every other inner sample is dropped. */
    public static final int MAX_SAMPLES = 600;

    /**
     * The series with the sample appended when it differs from the last one: the series is a
     * step function, so repeating a value adds nothing. Bounded by thinning, which keeps the first
     * and the newest samples and halves the density of the rest.
     */
    public static List<CapacitySample> append(List<CapacitySample> series, CapacitySample sample) {
        if (!series.isEmpty() && series.get(series.size() - 1).sameLevels(sample)) {
            return series;
        }
        List<CapacitySample> out = new ArrayList<>(series.size() + 1);
        if (series.size() >= MAX_SAMPLES) {
            out.add(series.get(0));
            for (int i = 2; i < series.size() - 1; i += 2) {
                out.add(series.get(i));
            }
            out.add(series.get(series.size() - 1));
        } else {
            out.addAll(series);
        }
        out.add(sample);
        return out;
    }

    boolean sameLevels(CapacitySample o) {
        return desired == o.desired && serving == o.serving && floor == o.floor;
    }
}
