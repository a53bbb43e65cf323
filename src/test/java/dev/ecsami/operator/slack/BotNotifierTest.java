package dev.ecsami.operator.slack;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.ecsami.operator.slack.RolloutScript.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** Bot mode: one message per rollout, edited as it goes, with the detail in its thread. */
class BotNotifierTest {
    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String TOKEN = "xoxb-0000-1111-TestBotToken";
    private static final String PARENT_TS = "1718272800.000100";
    private static final String POST = "/api/chat.postMessage";
    private static final String UPDATE = "/api/chat.update";
    private final MutableClock clock = new MutableClock(T0);
    private final ObjectMapper json = new ObjectMapper();
    private SlackNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
    }

    private void startNotifier(TestSettings settings) {
        notifier = SlackNotifier.slack(TestJson.MAPPER, settings.build(), clock, Optional.empty()).orElseThrow();
    }

    private TestSettings bot() {
        return TestSettings.bot(slack.baseUrl() + "/api", TOKEN, "#deploys");
    }

    private void slackAnswersOk() {
        slack.stubFor(post(POST).willReturn(okJson("{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"" + PARENT_TS + "\"}")));
        slack.stubFor(post(UPDATE).willReturn(okJson("{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"" + PARENT_TS + "\"}")));
    }

    private void change(Instant at, Function<Instant, RolloutScript.Change> step) {
        clock.set(at);
        step.apply(at).tell(notifier);
    }

    private void awaitIdle(String what, long sent) {
        Eventually.await(Duration.ofSeconds(10), what, () -> notifier.metrics().sentCount() >= sent && notifier.idle());
    }

    private List<LoggedRequest> requests() {
        return Received.inOrder(slack);
    }

    private JsonNode body(LoggedRequest r) {
        try {
            return json.readTree(r.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void afterARestartTheSameMessageIsEditedAndRepliedTo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        slackAnswersOk();
        java.nio.file.Path file = dir.resolve("slack-messages.json");
        notifier = SlackNotifier.slack(TestJson.MAPPER, bot().build(), clock, Optional.empty(), Optional.of(file), Optional.empty())
                .orElseThrow();
        RolloutScript s = RolloutScript.of(2);
        s.created().tell(notifier);
        awaitIdle("the rollout's message", 1);
        notifier.close();
        slack.resetRequests();

        notifier = SlackNotifier.slack(TestJson.MAPPER, bot().build(), clock, Optional.empty(), Optional.of(file), Optional.empty())
                .orElseThrow();
        change(T0.plusSeconds(30), s::start);
        change(T0.plusSeconds(60), at -> s.startInstance("i-01", at));
        change(T0.plusSeconds(300), at -> s.finish("i-01", at.minusSeconds(60), at));
        awaitIdle("the update and the reply", 2);

        List<LoggedRequest> all = requests();
        assertThat(all).isNotEmpty();
        assertThat(all.stream().filter(r -> r.getUrl().equals(POST) && !body(r).has("thread_ts"))).isEmpty();
        assertThat(all.stream().filter(r -> r.getUrl().equals(UPDATE)).map(this::body))
                .isNotEmpty().allSatisfy(u -> assertThat(u.path("ts").asText()).isEqualTo(PARENT_TS));
        assertThat(all.stream().filter(r -> r.getUrl().equals(POST)).map(this::body))
                .allSatisfy(r -> assertThat(r.path("thread_ts").asText()).isEqualTo(PARENT_TS));
    }

    @Test
    void afterAFailoverTheOtherReplicaEditsTheSameMessage() {
        slackAnswersOk();
        dev.ecsami.operator.store.dynamo.DynamoTable table = dev.ecsami.operator.store.dynamo.DynamoTestTables.fresh();
        notifier = SlackNotifier.slack(TestJson.MAPPER, bot().build(), clock, Optional.empty(), Optional.empty(),
                Optional.of(new dev.ecsami.operator.store.dynamo.DynamoSharedKeys(table, clock))).orElseThrow();
        RolloutScript s = RolloutScript.of(2);
        s.created().tell(notifier);
        awaitIdle("the leader's message", 1);
        notifier.close();
        slack.resetRequests();

        notifier = SlackNotifier.slack(TestJson.MAPPER, bot().build(), clock, Optional.empty(), Optional.empty(),
                Optional.of(new dev.ecsami.operator.store.dynamo.DynamoSharedKeys(table, clock))).orElseThrow();
        change(T0.plusSeconds(30), s::start);
        change(T0.plusSeconds(60), at -> s.startInstance("i-01", at));
        change(T0.plusSeconds(300), at -> s.finish("i-01", at.minusSeconds(60), at));
        awaitIdle("the follower's update and reply", 2);

        List<LoggedRequest> all = requests();
        assertThat(all.stream().filter(r -> r.getUrl().equals(POST) && !body(r).has("thread_ts"))).isEmpty();
        assertThat(all.stream().filter(r -> r.getUrl().equals(UPDATE)).map(this::body))
                .isNotEmpty().allSatisfy(u -> assertThat(u.path("ts").asText()).isEqualTo(PARENT_TS));
    }

    @Test
    void oneMessageIsPostedThenUpdatedInPlaceWithInstanceDetailInItsThread() {
        slackAnswersOk();
        startNotifier(bot());
        RolloutScript s = RolloutScript.of(2);

        s.created().tell(notifier);
        awaitIdle("the rollout's message", 1);
        change(T0.plusSeconds(30), s::start);
        change(T0.plusSeconds(60), at -> s.startInstance("i-01", at));
        change(T0.plusSeconds(120), at -> s.drain("i-01", at));
        change(T0.plusSeconds(300), at -> s.finish("i-01", at.minusSeconds(60), at));
        change(T0.plusSeconds(360), at -> s.startInstance("i-02", at));
        change(T0.plusSeconds(420), at -> s.drain("i-02", at));
        change(T0.plus(Duration.ofMinutes(38)), at -> s.force("i-02", at));
        change(T0.plus(Duration.ofMinutes(39)), s::succeed);
        awaitIdle("every update and reply", 4);

        List<LoggedRequest> all = requests();
        all.forEach(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));
        all.forEach(r -> assertThat(r.getHeader("Content-Type")).startsWith("application/json"));

        LoggedRequest first = all.get(0);
        assertThat(first.getUrl()).isEqualTo(POST);
        assertThat(body(first).path("channel").asText()).isEqualTo("#deploys");
        assertThat(body(first).has("thread_ts")).isFalse();
        assertThat(all.stream().filter(r -> r.getUrl().equals(POST) && !body(r).has("thread_ts"))).hasSize(1);

        List<JsonNode> updates = all.stream().filter(r -> r.getUrl().equals(UPDATE)).map(this::body).toList();
        assertThat(updates).isNotEmpty().allSatisfy(u -> {
            assertThat(u.path("channel").asText()).isEqualTo("C024BE91L");
            assertThat(u.path("ts").asText()).isEqualTo(PARENT_TS);
        });
        JsonNode last = updates.get(updates.size() - 1);
        assertThat(last.at("/blocks/0/text/text").asText()).isEqualTo(":white_check_mark: AMI rollout succeeded: web");

        List<JsonNode> replies = all.stream().filter(r -> r.getUrl().equals(POST) && body(r).has("thread_ts"))
                .map(this::body).toList();
        assertThat(replies).extracting(r -> r.path("thread_ts").asText()).containsOnly(PARENT_TS);
        assertThat(replies).extracting(r -> r.path("channel").asText()).containsOnly("C024BE91L");
        assertThat(replies).extracting(r -> r.path("text").asText()).containsExactly(
                ":white_check_mark: `i-01` (eu-west-1a) replaced in 4m 00s",
                ":warning: `i-02` (eu-west-1a) forced: drain timed out after 30m 00s with 1 service and 0 "
                        + "standalone tasks; terminating anyway",
                ":white_check_mark: `i-02` (eu-west-1a) replaced in 31m 00s");
    }

    @Test
    void queuedUpdatesOfARolloutCollapseIntoTheLatest() {
        slack.stubFor(post(POST).willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"" + PARENT_TS + "\"}")));
        slack.stubFor(post(UPDATE).willReturn(okJson("{\"ok\":true}").withFixedDelay(300)));
        startNotifier(bot());
        RolloutScript s = RolloutScript.of(20);
        s.start(T0).tell(notifier);
        awaitIdle("the rollout's message", 1);

        for (int i = 0; i < 10; i++) {
            String id = "i-" + i;
            change(T0.plusSeconds(i), at -> s.startInstance(id, at));
        }
        awaitIdle("the updates", 2);

        List<JsonNode> updates = requests().stream().filter(r -> r.getUrl().equals(UPDATE)).map(this::body).toList();
        assertThat(updates.size()).isBetween(1, 3);
        assertThat(updates.get(updates.size() - 1).path("blocks").toString()).contains("0 of 20 replaced", "i-0", "and 5 more in flight");
    }

    @Test
    void anOkFalseAnswerIsAFailureAndOnlyTransientErrorsAreRetried() {
        slack.stubFor(post(POST).inScenario("errors").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")).willSetStateTo("internal"));
        slack.stubFor(post(POST).inScenario("errors").whenScenarioStateIs("internal")
                .willReturn(okJson("{\"ok\":false,\"error\":\"internal_error\"}")));
        startNotifier(bot());
        RolloutScript a = RolloutScript.of(2);

        a.start(T0).tell(notifier);
        Eventually.await(Duration.ofSeconds(5), "a rejection",
                () -> notifier.metrics().droppedCount(SlackMetrics.Drop.REJECTED) == 1);
        a.startInstance("i-1", T0).tell(notifier);
        Eventually.await(Duration.ofSeconds(5), "giving up",
                () -> notifier.metrics().droppedCount(SlackMetrics.Drop.GAVE_UP) == 1);

        slack.verify(1 + 3, postRequestedFor(urlEqualTo(POST)));
        assertThat(notifier.metrics().sentCount()).isZero();
    }

    @Test
    void aLostMessageIsPostedAnewOnTheNextUpdate() {
        slack.stubFor(post(POST).willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"" + PARENT_TS + "\"}")));
        slack.stubFor(post(UPDATE).willReturn(okJson("{\"ok\":false,\"error\":\"message_not_found\"}")));
        startNotifier(bot());
        RolloutScript s = RolloutScript.of(2);

        s.start(T0).tell(notifier);
        awaitIdle("the rollout's message", 1);
        s.startInstance("i-1", T0).tell(notifier);
        Eventually.await(Duration.ofSeconds(5), "the update to be refused",
                () -> notifier.metrics().droppedCount(SlackMetrics.Drop.REJECTED) == 1);
        s.drain("i-1", T0.plusSeconds(5)).tell(notifier);
        awaitIdle("a new message", 2);

        slack.verify(2, postRequestedFor(urlEqualTo(POST)));
        slack.verify(1, postRequestedFor(urlEqualTo(UPDATE)));
    }

    @Test
    void aRateLimitedCallWaitsForRetryAfter() {
        slack.stubFor(post(POST).inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        slack.stubFor(post(POST).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C1\",\"ts\":\"" + PARENT_TS + "\"}")));
        startNotifier(bot());
        RolloutScript s = RolloutScript.of(2);

        s.start(T0).tell(notifier);
        awaitIdle("the message after the wait", 1);

        List<LoggedRequest> all = requests();
        assertThat(all).hasSize(2);
        assertThat(all.get(1).getLoggedDate().getTime() - all.get(0).getLoggedDate().getTime())
                .isGreaterThanOrEqualTo(1000);
    }
}
