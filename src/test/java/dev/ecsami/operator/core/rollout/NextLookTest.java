package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NextLookTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final RolloutPolicy POLICY = RolloutPolicy.defaults().withPollInterval(Duration.ofSeconds(15));

    private static RolloutEvent at(long seconds, RolloutEvent.Type type, String instanceId) {
        return new RolloutEvent(T0.plusSeconds(seconds), type, instanceId, "", RolloutEvent.ENGINE);
    }

    /** A running rollout with one step in {@code phase} since {@code since}, polled next at now + 15 s. */
    private static Rollout rollout(StepPhase phase, long since, long now, List<RolloutEvent> seen) {
        Target target = new Target("t", "c", "g", AmiSource.parse("amazon-linux-2023"), OnNewAmi.ROLL, POLICY);
        Rollout created = RolloutControl.create("r1", target, new AmiRef("ami-0000000000000a001", "old"),
                new AmiRef("ami-0000000000000b002", "new"), new Trigger(Trigger.Kind.HTTP, "t", ""), POLICY, false,
                "t", T0);
        InstanceStep step = InstanceStep.start("i-2", "a", "arn:i-2", phase, T0.plusSeconds(since));
        return created.toBuilder().steps(List.of(step)).events(seen)
                .nextCheckAt(T0.plusSeconds(now).plus(POLICY.pollInterval())).build();
    }

    /** Drains seen earlier in the rollout, of these many seconds each. */
    private static List<RolloutEvent> drains(long... seconds) {
        List<RolloutEvent> events = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++) {
            events.add(at(0, RolloutEvent.Type.DRAIN_STARTED, "i-old" + i));
            events.add(at(seconds[i], RolloutEvent.Type.DRAINED, "i-old" + i));
        }
        return events;
    }

    private static long lookAfter(Rollout r, long now) {
        return Duration.between(T0, NextLook.at(r, T0.plusSeconds(now), false)).toSeconds() - now;
    }

    /**
     * Drains of 68 s and 80 s seen before; a drain in flight since 100 s, poll interval 15 s: quick
     * looks (5 s) from 100 + 68 - 15 = 153 s until 100 + 80 + 5 = 185 s.
     */
    @ParameterizedTest(name = "at {0} s the next look is {1} s later")
    @CsvSource({
            "140, 13",  // before the shortest drain seen less one poll: looked at then
            "160, 5",   // within the span of drains seen: every third of the poll interval
            "190, 15"   // past the longest seen: the poll interval again
    })
    void aDrainInFlightIsLookedAtQuicklyOverTheSpanOfDrainsSeen(long now, long after) {
        assertThat(lookAfter(rollout(StepPhase.DRAIN, 100, now, drains(68, 80)), now)).isEqualTo(after);
    }

    @Test
    void theFirstDrainOfARolloutIsLookedAtQuicklyUpToItsTypicalDuration() {
        assertThat(lookAfter(rollout(StepPhase.DRAIN, 100, 130, List.of()), 130)).isEqualTo(5);
        assertThat(lookAfter(rollout(StepPhase.DRAIN, 100, 100 + Planner.TYPICAL_DRAIN.toSeconds(), List.of()),
                100 + Planner.TYPICAL_DRAIN.toSeconds())).isEqualTo(15);
    }

    @Test
    void aBootingReplacementIsOnlyLookedAtQuicklyWhenADrainSlotWaitsForIt() {
        Rollout free = rollout(StepPhase.LAUNCH_REPLACEMENT, 0, 30, List.of());
        assertThat(lookAfter(free, 30)).isEqualTo(5);
        Rollout busy = free.toBuilder().steps(List.of(free.steps().get(0),
                InstanceStep.start("i-3", "a", "arn:i-3", StepPhase.DRAIN, T0.plusSeconds(25)))).build();
        assertThat(lookAfter(busy.toBuilder().events(drains(300)).build(), 30)).isEqualTo(15);
    }

    @Test
    void aTerminationJustAskedForIsLookedAtOnceQuickly() {
        assertThat(lookAfter(rollout(StepPhase.TERMINATE, 100, 100, List.of()), 100)).isEqualTo(5);
        assertThat(lookAfter(rollout(StepPhase.TERMINATE, 100, 105, List.of()), 105)).isEqualTo(15);
    }

    @Test
    void theQuickIntervalIsAThirdOfThePollIntervalAndNeverUnderASecond() {
        assertThat(NextLook.quick(POLICY)).isEqualTo(Duration.ofSeconds(5));
        assertThat(NextLook.quick(POLICY.withPollInterval(Duration.ofSeconds(2)))).isEqualTo(Duration.ofSeconds(1));
    }
}
