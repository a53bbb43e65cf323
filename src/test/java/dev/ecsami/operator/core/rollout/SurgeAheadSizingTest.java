package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.SurgeAhead;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurgeAheadSizingTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final RolloutPolicy AUTO = RolloutPolicy.defaults();

    private static RolloutEvent at(long seconds, RolloutEvent.Type type, String instanceId) {
        return new RolloutEvent(T0.plusSeconds(seconds), type, instanceId, "", RolloutEvent.ENGINE);
    }

    /** One instance: booted in {@code boot} seconds, then drained in {@code drain} seconds. */
    private static List<RolloutEvent> observed(long boot, long drain) {
        return List.of(at(0, RolloutEvent.Type.INSTANCE_STARTED, "i-1"),
                at(boot, RolloutEvent.Type.REPLACEMENT_READY, "i-1"),
                at(boot, RolloutEvent.Type.DRAIN_STARTED, "i-1"),
                at(boot + drain, RolloutEvent.Type.DRAINED, "i-1"));
    }

    @Test
    void autoIsTheDefault() {
        assertThat(AUTO.surgeAheadAuto()).isTrue();
        assertThat(AUTO.surgeAheadSetting()).isEqualTo(SurgeAhead.AUTO);
    }

    @Test
    void beforeAnythingIsObservedATypicalBootAndAShortDrainSizeIt() {
        SurgeAheadSizing.Size size = SurgeAheadSizing.size(AUTO, List.of(), 10);
        assertThat(size.ahead()).isEqualTo(4);
        assertThat(size.why()).startsWith("typical boot 180s / assumed drain 45s");
    }

    @Test
    void aBootSeenBeforeAnyDrainSizesItWithTheShortDrainAssumed() {
        List<RolloutEvent> booted = List.of(at(0, RolloutEvent.Type.INSTANCE_STARTED, "i-1"),
                at(100, RolloutEvent.Type.REPLACEMENT_READY, "i-1"));
        SurgeAheadSizing.Size size = SurgeAheadSizing.size(AUTO, booted, 10);
        assertThat(size.ahead()).isEqualTo(3);
        assertThat(size.why()).isEqualTo("observed boot 100s / assumed drain 45s");
    }

    @Test
    void observedBootAndDrainGiveCeilOfBootOverDrain() {
        assertThat(SurgeAheadSizing.size(AUTO, observed(110, 50), 10).ahead()).isEqualTo(3);
        assertThat(SurgeAheadSizing.size(AUTO, observed(100, 50), 10).ahead()).isEqualTo(2);
        assertThat(SurgeAheadSizing.size(AUTO, observed(30, 300), 10).ahead()).isEqualTo(1);
        assertThat(SurgeAheadSizing.size(AUTO, observed(110, 50), 10).why())
                .isEqualTo("observed boot 110s / observed drain 50s");
    }

    @Test
    void aSmallerSizeReplacesALargerOneOnlyWhenMeasuredAndAtLeastTwoSmaller() {
        SurgeAheadSizing.Size assumed = SurgeAheadSizing.size(AUTO, List.of(at(0, RolloutEvent.Type.INSTANCE_STARTED,
                "i-1"), at(100, RolloutEvent.Type.REPLACEMENT_READY, "i-1")), 10);
        assertThat(assumed.ahead()).isEqualTo(3);
        assertThat(assumed.shrinks(4)).isFalse();
        assertThat(SurgeAheadSizing.size(AUTO, observed(110, 40), 10).shrinks(4)).isFalse();
        assertThat(SurgeAheadSizing.size(AUTO, observed(110, 300), 10).shrinks(4)).isTrue();
    }

    @Test
    void aReplacementFoundReadyWhenItsTurnCameIsNotCountedAsABoot() {
        List<RolloutEvent> events = List.of(
                at(0, RolloutEvent.Type.INSTANCE_STARTED, "i-1"), at(0, RolloutEvent.Type.INSTANCE_STARTED, "i-2"),
                at(100, RolloutEvent.Type.REPLACEMENT_READY, "i-1"), at(100, RolloutEvent.Type.DRAIN_STARTED, "i-1"),
                at(130, RolloutEvent.Type.DRAINED, "i-1"), at(130, RolloutEvent.Type.SERVICES_STEADY, "i-1"),
                at(130, RolloutEvent.Type.REPLACEMENT_READY, "i-2"));
        assertThat(SurgeAheadSizing.size(AUTO, events, 10).why()).isEqualTo("observed boot 100s / observed drain 30s");
    }

    @Test
    void eachInstanceInFlightNeedsItsOwnReplacementsAhead() {
        assertThat(SurgeAheadSizing.size(AUTO.withMaxInFlight(2), observed(110, 50), 10).ahead()).isEqualTo(6);
    }

    @Test
    void withoutMaxSizeRaiseTheRoomBelowMaxSizeCapsItAndTheReasonSaysSo() {
        SurgeAheadSizing.Size size = SurgeAheadSizing.size(AUTO.withAllowMaxSizeRaise(false), observed(110, 50), 1);
        assertThat(size.ahead()).isEqualTo(1);
        assertThat(size.why()).endsWith("capped from 3 by the group's max size");
    }

    @Test
    void theLastAnnouncedSizeIsReadBackFromTheEvents() {
        assertThat(SurgeAheadSizing.announced(List.of())).isEqualTo(-1);
        RolloutEvent announced = new RolloutEvent(T0, RolloutEvent.Type.SURGE, "",
                SurgeAheadSizing.ANNOUNCEMENT + "3 (observed boot 110s / drain 50s)", RolloutEvent.ENGINE);
        assertThat(SurgeAheadSizing.announced(List.of(announced))).isEqualTo(3);
    }

    @Test
    void theSettingParsesAutoOrANumberAndSaysWhatItExpects() {
        assertThat(SurgeAhead.parse("auto")).isEqualTo(SurgeAhead.AUTO);
        assertThat(SurgeAhead.parse("2").applyTo(AUTO).surgeAhead()).isEqualTo(2);
        assertThat(SurgeAhead.parse("2").applyTo(AUTO).surgeAheadAuto()).isFalse();
        assertThatThrownBy(() -> SurgeAhead.parse("-1")).hasMessageContaining("auto or a whole number 0 or more");
        assertThatThrownBy(() -> SurgeAhead.parse("many")).hasMessageContaining("was 'many'");
    }
}
