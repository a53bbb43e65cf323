package dev.ecsami.operator.core.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The rollout's account of desired capacity and max size: what it changed itself and what others did. */
class CapacityLedgerTest {
    private static final Predicate<String> NONE_LEFT = id -> false;

    private static Predicate<String> left(String... ids) {
        return Set.of(ids)::contains;
    }

    @Test
    void nothingChangedMeansNothingByOthers() {
        CapacityLedger l = CapacityLedger.start(5, 8).observe(5, 8, NONE_LEFT);

        assertThat(l.othersNet()).isZero();
        assertThat(l.maxChangedByOthers()).isFalse();
    }

    @Test
    void aScaleOutBySomeoneElseIsCountedAndAddsUpOverTicks() {
        CapacityLedger l = CapacityLedger.start(5, 8).observe(7, 8, NONE_LEFT);
        assertThat(l.othersNet()).isEqualTo(2);

        l = l.expect(7, List.of(), null, 8, null).observe(6, 8, NONE_LEFT);
        assertThat(l.othersNet()).isEqualTo(1);
    }

    @Test
    void theCapacityTheRolloutSetItselfIsNotSomeoneElses() {
        CapacityLedger l = CapacityLedger.start(5, 8).expect(5, List.of(), 6, 8, null).observe(6, 8, NONE_LEFT);

        assertThat(l.othersNet()).isZero();
        assertThat(l.fromDesired()).isEqualTo(6);
    }

    @Test
    void aDecrementingTerminationCountsOnlyOnceItsInstanceLeaves() {
        CapacityLedger ticked = CapacityLedger.start(6, 8).expect(6, List.of("i-1"), null, 8, null);

        assertThat(ticked.observe(5, 8, left("i-1")).othersNet()).as("took effect").isZero();
        assertThat(ticked.observe(6, 8, NONE_LEFT).othersNet()).as("not yet").isZero();
        assertThat(ticked.observe(5, 8, NONE_LEFT).othersNet()).as("desired fell without the termination")
                .isEqualTo(-1);
    }

    @Test
    void aTerminationThatNeverRanWhileTheGroupTookItsInstanceLeavesTheWholeScaleInToOthers() {
        CapacityLedger unsure = CapacityLedger.start(7, 11).expect(7, List.of("i-1", "i-2"), 9, 11, 12).unsure();

        CapacityLedger seen = unsure.notMade(Set.of("i-2")).observe(4, 11, left("i-1", "i-2"));

        assertThat(seen.othersNet()).as("i-1 ran; i-2 and the set after it did not: 6 -> 4 is others'")
                .isEqualTo(-2);
        assertThat(seen.maxChangedByOthers()).isFalse();
        assertThat(unsure.observe(4, 11, left("i-1", "i-2")).othersNet())
                .as("without notMade, both terminations and the set are taken for having run").isEqualTo(-5);
        assertThat(unsure.notMade(Set.of("i-9"))).isEqualTo(unsure);
    }

    @Test
    void aTerminationThenASetAreExpectedAsTheSetValue() {
        CapacityLedger ticked = CapacityLedger.start(6, 8).expect(6, List.of("i-1"), 6, 8, null);

        assertThat(ticked.observe(6, 8, left("i-1")).othersNet()).isZero();
        assertThat(ticked.observe(5, 8, left("i-1")).othersNet()).as("someone scaled in after the set")
                .isEqualTo(-1);
    }

    @Test
    void whenTheLastMutationsMayNotHaveRunTheValueFromBeforeThemIsNotSomeoneElses() {
        CapacityLedger ticked = CapacityLedger.start(5, 8).expect(5, List.of(), 6, 8, null);

        assertThat(ticked.unsure().observe(5, 8, NONE_LEFT).othersNet()).as("the set did not run").isZero();
        assertThat(ticked.observe(5, 8, NONE_LEFT).othersNet()).as("the set ran and someone undid it")
                .isEqualTo(-1);
        assertThat(ticked.unsure().observe(6, 8, NONE_LEFT).othersNet()).as("the set ran").isZero();
        assertThat(ticked.unsure().observe(4, 8, NONE_LEFT).othersNet()).isEqualTo(-2);
    }

    @Test
    void aTerminationThatLeftWhileTheSetAfterItMayNotHaveRunCountsAsItsOwn() {
        CapacityLedger ticked = CapacityLedger.start(6, 8).expect(6, List.of("i-1"), 6, 8, null).unsure();

        assertThat(ticked.observe(5, 8, left("i-1")).othersNet()).isZero();
    }

    @Test
    void maxSizeSetByTheRolloutIsItsOwnAndAnyOtherChangeIsSomeoneElsesForGood() {
        CapacityLedger raised = CapacityLedger.start(5, 6).expect(5, List.of(), null, 6, 8);

        assertThat(raised.observe(5, 8, NONE_LEFT).maxChangedByOthers()).isFalse();
        assertThat(raised.observe(5, 9, NONE_LEFT).maxChangedByOthers()).isTrue();
        assertThat(raised.unsure().observe(5, 6, NONE_LEFT).maxChangedByOthers()).as("the raise did not run")
                .isFalse();
        assertThat(raised.observe(5, 6, NONE_LEFT).maxChangedByOthers()).as("raised and put back by someone")
                .isTrue();

        CapacityLedger changed = CapacityLedger.start(5, 6).observe(5, 7, NONE_LEFT);
        assertThat(changed.maxChangedByOthers()).isTrue();
        assertThat(changed.expect(5, List.of(), null, 7, null).observe(5, 7, NONE_LEFT).maxChangedByOthers())
                .as("once changed by others, it stays so").isTrue();
    }

    @Test
    void observingClearsWhatTheLastTickExpected() {
        CapacityLedger l = CapacityLedger.start(6, 8).expect(6, List.of("i-1"), 7, 8, 9).unsure()
                .observe(7, 9, left("i-1"));

        assertThat(l.decrementing()).isEmpty();
        assertThat(l.setDesired()).isNull();
        assertThat(l.setMax()).isNull();
        assertThat(l.mayNotHaveRun()).isFalse();
        assertThat(new CapacityLedger(0, 1, null, null, 1, null, false, false).decrementing()).isEmpty();
    }
}
