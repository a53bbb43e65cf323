package dev.ecsami.operator.api;

import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.GroupNeighbours;
import dev.ecsami.operator.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurroundingsCacheTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T06:00:00Z"));
    private final List<String> reads = new ArrayList<>();
    private boolean failing;
    private final GroupNeighbours neighbours = (group, cluster) -> {
        reads.add(cluster + "/" + group);
        if (failing) {
            throw new ExternalCallFailed("DescribePolicies", "Throttling", "Rate exceeded", true);
        }
        return new GroupSurroundings(List.of(), List.of(), List.of(), Optional.empty(), List.of("read-" + reads.size()));
    };
    private final SurroundingsCache cache = new SurroundingsCache(neighbours, null, clock);

    @Test
    void aTargetIsReadAtMostOncePerThirtySeconds() {
        GroupSurroundings first = cache.recent("g", "c");
        clock.advance(Duration.ofSeconds(29));

        assertThat(cache.recent("g", "c")).isSameAs(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.recent("g", "c").launchTemplateSharedWith()).containsExactly("read-2");
        assertThat(reads).containsExactly("c/g", "c/g");
    }

    @Test
    void eachTargetHasItsOwnCopy() {
        cache.recent("g", "c");
        cache.recent("h", "c");
        cache.recent("g", "d");

        assertThat(reads).containsExactly("c/g", "c/h", "d/g");
    }

    @Test
    void aFreshReadReplacesTheCopy() {
        cache.recent("g", "c");

        GroupSurroundings fresh = cache.fresh("g", "c");

        assertThat(cache.recent("g", "c")).isSameAs(fresh);
        assertThat(reads).hasSize(2);
    }

    @Test
    void aFailedReadIsNotKept() {
        failing = true;
        assertThatThrownBy(() -> cache.recent("g", "c")).isInstanceOf(ExternalCallFailed.class);
        failing = false;

        assertThat(cache.recent("g", "c").launchTemplateSharedWith()).containsExactly("read-2");
    }

    @Test
    void aClockThatWentBackReadsAgain() {
        cache.recent("g", "c");
        clock.set(Instant.parse("2026-12-06T05:59:00Z"));

        cache.recent("g", "c");

        assertThat(reads).hasSize(2);
    }
}
