package dev.ecsami.operator.core.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CapacitySampleTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aSampleThatChangesNothingIsNotKept() {
        List<CapacitySample> s = CapacitySample.append(List.of(), new CapacitySample(T0, 3, 3, 0));
        s = CapacitySample.append(s, new CapacitySample(T0.plusSeconds(5), 3, 3, 0));
        s = CapacitySample.append(s, new CapacitySample(T0.plusSeconds(9), 4, 3, 3));

        assertThat(s).extracting(CapacitySample::at).containsExactly(T0, T0.plusSeconds(9));
    }

    @Test
    void theSeriesStaysBoundedAndKeepsItsFirstAndNewestSamples() {
        List<CapacitySample> s = new ArrayList<>();
        for (int i = 0; i < 10 * CapacitySample.MAX_SAMPLES; i++) {
            s = CapacitySample.append(s, new CapacitySample(T0.plusSeconds(i), 3 + i % 2, 3, 3));
        }

        assertThat(s).hasSizeLessThanOrEqualTo(CapacitySample.MAX_SAMPLES + 1);
        assertThat(s.get(0).at()).isEqualTo(T0);
        assertThat(s.get(s.size() - 1).at()).isEqualTo(T0.plusSeconds(10L * CapacitySample.MAX_SAMPLES - 1));
        assertThat(s).isSortedAccordingTo(java.util.Comparator.comparing(CapacitySample::at));
    }
}
