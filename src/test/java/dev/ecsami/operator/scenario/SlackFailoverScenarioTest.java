package dev.ecsami.operator.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.slack.Eventually;
import dev.ecsami.operator.slack.Redaction;
import dev.ecsami.operator.slack.SlackNotifier;
import dev.ecsami.operator.slack.SlackSettings;
import dev.ecsami.operator.store.dynamo.DynamoRolloutStore;
import dev.ecsami.operator.store.dynamo.DynamoSharedKeys;
import dev.ecsami.operator.store.dynamo.DynamoTable;
import dev.ecsami.operator.store.dynamo.DynamoTestTables;
import dev.ecsami.operator.store.TestJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas share a DynamoDB table (dynalite) and one simulated AWS; each has its own Slack bot
 * notifier (the real one, against a stubbed Slack API) keeping the message ids in the shared table.
 * The leader starts a rollout and dies mid-rollout; the follower takes over and finishes. Slack gets
 * one message for the rollout, and every later change is an edit of that message.
 */
class SlackFailoverScenarioTest {
    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String POST = "/api/chat.postMessage";
    private static final String UPDATE = "/api/chat.update";
    private static final String TS = "1733480000.000100";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theFollowerEditsTheMessageTheLeaderPostedWhenTheLeaderDiesMidRollout() {
        for (int k : new int[] {3, 5}) {
            CrashingPorts.When when = k == 3 ? CrashingPorts.When.AFTER : CrashingPorts.When.BEFORE;
            slack.resetAll();
            slack.stubFor(post(POST).willReturn(okJson("{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"" + TS
                    + "\"}")));
            slack.stubFor(post(UPDATE).willReturn(okJson("{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"" + TS
                    + "\"}")));
            runAndCheck(new CrashingPorts(k, when), "leader dies " + when + " mutation " + k);
        }
    }

    private void runAndCheck(CrashingPorts crash, String as) {
        World w = World.fleetOf(2, World.policy());
        DynamoTable table = DynamoTestTables.fresh();
        TableObserver observer = new TableObserver(new DynamoRolloutStore(TestJson.STORE, table, w.clock));
        w.store = observer;
        try (SlackNotifier leaderBot = bot(w, table); SlackNotifier followerBot = bot(w, table)) {
            Replica leader = new Replica("a", w, table, Duration.ZERO, 0, crash::wrap, UnaryOperator.identity(),
                    leaderBot);
            Replica follower = new Replica("b", w, table, Duration.ofMinutes(7), 987_654_321_000L,
                    Function.identity(), UnaryOperator.identity(), followerBot);
            leader.lease.poll();
            follower.lease.poll();
            assertThat(leader.leads()).as(as).isTrue();
            Rollout r = leader.start(w);
            Eventually.await(Duration.ofSeconds(10), "the leader's message", () -> !posts().isEmpty()
                    && leaderBot.metrics().sentCount() >= 1);
            observer.refresh();
            Instant end = w.clock.instant().plus(Duration.ofHours(2));
            while (w.rollout(r.id()).state() == RolloutState.RUNNING && w.clock.instant().isBefore(end)) {
                TableObserver.step(w, leader, follower);
            }
            assertThat(leader.alive()).as(as).isFalse();
            assertThat(w.rollout(r.id()).state()).as(as).isEqualTo(RolloutState.SUCCEEDED);
            assertThat(w.violations).as(as).isEmpty();
            Eventually.await(Duration.ofSeconds(10), as + ": the follower's edit to succeeded",
                    () -> updates().stream().anyMatch(u -> u.toString().contains("white_check_mark")));
            assertThat(followerBot.metrics().sentCount()).as(as + ": the follower told Slack").isPositive();
        }

        assertThat(posts()).as(as + ": one message for the rollout").hasSize(1);
        assertThat(updates()).as(as + ": every change an edit of it").isNotEmpty()
                .allSatisfy(u -> assertThat(u.path("ts").asText()).isEqualTo(TS));
        assertThat(requests(POST)).as(as + ": replies go to its thread")
                .filteredOn(b -> b.has("thread_ts")).allSatisfy(b -> assertThat(b.path("thread_ts").asText())
                        .isEqualTo(TS));
    }

    private static SlackNotifier bot(World w, DynamoTable table) {
        SlackSettings settings = new SlackSettings(SlackSettings.Mode.BOT, Optional.empty(),
                Optional.of(Redaction.Secret.of("xoxb-0000-1111-TestBotToken")), "#deploys",
                URI.create(slack.baseUrl() + "/api"), URI.create("http://localhost:8080"), Duration.ofMinutes(5),
                100, 3, Duration.ofMillis(10), Duration.ofSeconds(2), false, Optional.empty(),
                Duration.ofMinutes(15));
        return SlackNotifier.slack(TestJson.MAPPER, settings, w.clock, Optional.empty(), Optional.empty(),
                Optional.of(new DynamoSharedKeys(table, w.clock))).orElseThrow();
    }

    /** The rollout messages posted (thread replies aside). */
    private List<JsonNode> posts() {
        return requests(POST).stream().filter(b -> !b.has("thread_ts")).toList();
    }

    private List<JsonNode> updates() {
        return requests(UPDATE);
    }

    private List<JsonNode> requests(String url) {
        return slack.getAllServeEvents().stream().map(ServeEvent::getRequest).filter(r -> r.getUrl().equals(url))
                .map(r -> {
                    try {
                        return json.readTree(r.getBodyAsString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList();
    }
}
