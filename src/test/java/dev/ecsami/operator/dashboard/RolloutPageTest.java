package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.core.model.CapacitySample;
import dev.ecsami.operator.core.model.Rollout;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutPageTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aThousandInstanceRolloutShowsOnePageOfTheTimelineAndOfTheEvents() {
        Rollout big = BigRollout.of("r-big", 1000, T0);

        RolloutPage page = RolloutPage.of(big, T0, Reader.ANONYMOUS, 3, 1, 50);

        assertThat(page.timeline().total()).isEqualTo(1000);
        assertThat(page.timeline().rows()).hasSize(50).first()
                .extracting(Timeline.Row::instanceId).isEqualTo("i-00000000000000100");
        assertThat(page.timeline().paging()).isEqualTo(new Paging(3, 20, 100, 150, 2, 4));
        assertThat(page.events().rows()).hasSize(50).first().extracting(RolloutPage.EventRow::type)
                .isEqualTo("SUCCEEDED");
        assertThat(page.chart().desired().split(" ")).hasSizeLessThanOrEqualTo(2 * CapacitySample.MAX_SAMPLES + 2);
        assertThat(page.progress().percent()).isEqualTo("100.00%");
    }

    @Test
    void eachRowHasACellPerPhaseWithWhenItStartedAndHowLongItTookAndMarksForcedSteps() {
        Rollout big = BigRollout.of("r-big", 10, T0);

        Timeline.Row row = RolloutPage.of(big, T0, Reader.ANONYMOUS, 1, 1, 50).timeline().rows().get(7);

        assertThat(row.cells()).extracting(Timeline.Cell::at, Timeline.Cell::took).containsExactly(
                org.assertj.core.groups.Tuple.tuple("+35m 00s", "2m 00s"),
                org.assertj.core.groups.Tuple.tuple("+37m 00s", "1m 20s"),
                org.assertj.core.groups.Tuple.tuple("+38m 20s", "30s"),
                org.assertj.core.groups.Tuple.tuple("+38m 50s", "30s"),
                org.assertj.core.groups.Tuple.tuple("+39m 20s", "0s"));
        assertThat(row.markers()).extracting(Timeline.Marker::kind).containsExactly("forced");
        assertThat(row.segments()).hasSize(5);
    }

    @Test
    void aPauseThatNamesAnInstanceMarksItsRowAsATimeoutAndShadesTheChart() {
        Rollout big = BigRollout.of("r-big", 3, T0);
        String id = big.steps().get(1).instanceId();
        Rollout paused = big.toBuilder().events(java.util.List.of(
                new dev.ecsami.operator.core.model.RolloutEvent(T0.plusSeconds(500),
                        dev.ecsami.operator.core.model.RolloutEvent.Type.PAUSED, "", "drain of " + id
                        + " timed out after 30m 00s with 2 tasks still running", ""),
                new dev.ecsami.operator.core.model.RolloutEvent(T0.plusSeconds(560),
                        dev.ecsami.operator.core.model.RolloutEvent.Type.RESUMED, "", "resumed", "ops"))).build();

        RolloutPage page = RolloutPage.of(paused, T0, Reader.ANONYMOUS, 1, 1, 50);

        assertThat(page.timeline().rows().get(1).markers()).extracting(Timeline.Marker::kind)
                .containsExactly("timeout");
        assertThat(page.timeline().rows().get(0).markers()).isEmpty();
        assertThat(page.chart().pauses()).singleElement().extracting(CapacityChart.Band::title).asString()
                .startsWith("paused: drain of " + id + " timed out");
    }

    @Test
    void pagesPastTheEndShowTheLastPage() {
        assertThat(Paging.of(9, 50, 120)).isEqualTo(new Paging(3, 3, 100, 120, 2, 0));
        assertThat(Paging.of(0, 50, 0)).isEqualTo(new Paging(1, 1, 0, 0, 0, 0));
    }

    @Test
    void destructiveActionsAskFirstAndFollowTheState() {
        Rollout big = BigRollout.of("r-big", 2, T0);

        assertThat(Action.forRollout(big)).extracting(Action::name).containsExactly("rollback");
        assertThat(Action.forRollout(big).get(0).confirm()).startsWith("Roll big back to ami-0000000000000a001?");
        assertThat(Action.forTarget("a \"b\"")).extracting(Action::body).containsExactly("",
                "{\"target\":\"a \\\"b\\\"\"}");
    }
}
