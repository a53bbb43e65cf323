package dev.ecsami.operator.slack;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.slack.Delivery;
import dev.ecsami.operator.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.ecsami.operator.slack.RolloutScript.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Which messages the webhook mode posts for a change of a rollout: decided, not sent (Slack unreachable). */
class WebhookPlanTest {
    private final SlackNotifier plan = SlackNotifier.slack(TestJson.MAPPER, TestSettings.webhook("http://127.0.0.1:1/hook").build(),
            new MutableClock(T0), Optional.empty()).orElseThrow();

    @AfterEach
    void stop() {
        plan.close();
    }

    private List<Delivery> decide(RolloutScript.Change change, Instant now) {
        return plan.deliveries(change.rollout(), change.events(), now);
    }

    private static List<Delivery.Kind> kinds(List<Delivery> ds) {
        return ds.stream().map(Delivery::kind).toList();
    }

    @Test
    void aRunningRolloutIsAnnouncedWhenItStartsNotWhenCreated() {
        RolloutScript s = RolloutScript.of(2);

        assertThat(decide(s.created(), T0)).isEmpty();
        assertThat(kinds(decide(s.start(T0), T0))).containsExactly(Delivery.Kind.ANNOUNCE);
    }

    @Test
    void aRolloutWaitingForApprovalIsAnnouncedAtOnce() {
        RolloutScript s = RolloutScript.of(2, RolloutPolicy.defaults(), RolloutScript.SNS, true);

        List<Delivery> out = decide(s.created(), T0);

        assertThat(kinds(out)).containsExactly(Delivery.Kind.ANNOUNCE);
        assertThat(out.get(0).message().text()).contains("waiting for approval");
    }

    @Test
    void progressIsPostedAtMostOncePerIntervalPerRollout() {
        RolloutScript s = RolloutScript.of(3);
        decide(s.start(T0), T0);

        assertThat(decide(s.startInstance("i-1", T0.plusSeconds(10)), T0.plusSeconds(10)))
                .isEmpty();
        Duration justUnder = Duration.ofMinutes(5).minusSeconds(1);
        assertThat(decide(s.drain("i-1", T0.plus(justUnder)), T0.plus(justUnder))).isEmpty();
        assertThat(kinds(decide(s.finish("i-1", T0.plus(justUnder), T0.plusSeconds(300)),
                T0.plusSeconds(300)))).containsExactly(Delivery.Kind.STATUS);
        assertThat(decide(s.startInstance("i-2", T0.plusSeconds(301)), T0.plusSeconds(301)))
                .isEmpty();
    }

    @Test
    void milestonesIgnoreTheThrottle() {
        RolloutScript s = RolloutScript.of(3);
        decide(s.start(T0), T0);

        assertThat(kinds(decide(s.pause("paused by alice", T0.plusSeconds(1)),
                T0.plusSeconds(1)))).containsExactly(Delivery.Kind.ANNOUNCE);
        assertThat(kinds(decide(s.resume(T0.plusSeconds(2)), T0.plusSeconds(2))))
                .containsExactly(Delivery.Kind.ANNOUNCE);
        assertThat(kinds(decide(s.succeed(T0.plusSeconds(3)), T0.plusSeconds(3))))
                .containsExactly(Delivery.Kind.ANNOUNCE);
    }

    @Test
    void aRolloutFirstSeenMidwayGetsProgressAtOnce() {
        RolloutScript s = RolloutScript.of(3);
        s.start(T0);

        assertThat(kinds(decide(s.startInstance("i-1", T0.plusSeconds(60)),
                T0.plusSeconds(60)))).containsExactly(Delivery.Kind.STATUS);
    }

    @Test
    void rolloutLevelNoiseBetweenMilestonesPostsNothing() {
        RolloutScript s = RolloutScript.of(3);
        decide(s.start(T0), T0);

        RolloutEvent awsError = new RolloutEvent(T0.plus(Duration.ofHours(1)), RolloutEvent.Type.AWS_ERROR, "",
                "throttled", "");

        assertThat(plan.deliveries(s.rollout(), List.of(awsError), T0.plus(Duration.ofHours(1)))).isEmpty();
    }
}
