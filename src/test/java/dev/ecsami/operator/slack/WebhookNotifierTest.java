package dev.ecsami.operator.slack;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ecsami.operator.slack.RolloutScript.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** A whole rollout told through an incoming webhook: new messages only, progress throttled. */
class WebhookNotifierTest {
    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String PATH = "/services/T0/B0/hook";
    private final MutableClock clock = new MutableClock(T0);
    private SlackNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
    }

    private List<JsonNode> posted(int expected) {
        Eventually.await(Duration.ofSeconds(10), expected + " messages",
                () -> notifier.metrics().sentCount() >= expected && notifier.idle());
        ObjectMapper json = new ObjectMapper();
        return Received.inOrder(slack).stream().map(r -> {
                    assertThat(r.getUrl()).isEqualTo(PATH);
                    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
                    assertThat(r.containsHeader("Authorization")).isFalse();
                    try {
                        return json.readTree(r.getBodyAsString());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }

    /** Moves the rollout and the clock to {@code at}, then tells the notifier, as the scheduler would. */
    private void change(Instant at, Function<Instant, RolloutScript.Change> step) {
        clock.set(at);
        step.apply(at).tell(notifier);
    }

    private static String header(JsonNode payload) {
        return payload.at("/blocks/0/text/text").asText();
    }

    private static String blocksText(JsonNode payload) {
        return payload.path("blocks").toString();
    }

    @Test
    void aRolloutIsPostedAtStartThrottledProgressPauseResumeAndEnd() {
        slack.stubFor(post(PATH).willReturn(aResponse().withBody("ok")));
        notifier = SlackNotifier.slack(TestJson.MAPPER, TestSettings.webhook(slack.baseUrl() + PATH).build(), clock, Optional.empty())
                .orElseThrow();
        RolloutScript s = RolloutScript.of(2);
        Instant t = T0;

        s.created().tell(notifier);
        change(t.plusSeconds(30), s::start);
        change(t.plusSeconds(60), at -> s.startInstance("i-01", at));
        change(t.plusSeconds(120), at -> s.drain("i-01", at));
        change(t.plusSeconds(360), at -> s.finish("i-01", at.minusSeconds(60), at));
        change(t.plusSeconds(420), at -> s.startInstance("i-02", at));
        change(t.plusSeconds(480), at -> s.drain("i-02", at));
        change(t.plus(Duration.ofMinutes(40)), at -> s.pause("drain of i-02 timed out after 30m 00s with 1 "
                + "service and 0 standalone tasks still running", at));
        change(t.plus(Duration.ofMinutes(45)), s::resume);
        change(t.plus(Duration.ofMinutes(46)), at -> s.finish("i-02", at.minusSeconds(30), at));
        change(t.plus(Duration.ofMinutes(47)), s::succeed);

        List<JsonNode> posts = posted(5);
        assertThat(posts).hasSize(5);
        posts.forEach(p -> SlackLimits.assertWithin(new SlackMessage(p.path("text").asText(),
                List.copyOf(toList(p.path("blocks"))))));

        assertThat(header(posts.get(0))).isEqualTo(":arrows_counterclockwise: AMI rollout in progress: web");
        assertThat(blocksText(posts.get(0))).contains("0 of 2 replaced", "[░░░░░░░░░░] 0%");

        assertThat(header(posts.get(1))).isEqualTo(":arrows_counterclockwise: AMI rollout in progress: web");
        assertThat(blocksText(posts.get(1))).contains("1 of 2 replaced", "[█████░░░░░] 50%", "*Elapsed:* 5m 30s");

        assertThat(header(posts.get(2))).isEqualTo(":double_vertical_bar: AMI rollout paused: web");
        assertThat(posts.get(2).at("/blocks/3/text/text").asText()).isEqualTo("*Why:* drain of i-02 timed out after "
                + "30m 00s with 1 service and 0 standalone tasks still running");
        assertThat(posts.get(2).at("/blocks/4/text/text").asText()).isEqualTo("*To resume or abort:*\n"
                + "```curl -X POST -H \"Authorization: Bearer $TOKEN\" http://localhost:8080/api/rollouts/r-20240613-web/resume\n"
                + "curl -X POST -H \"Authorization: Bearer $TOKEN\" http://localhost:8080/api/rollouts/r-20240613-web/abort```");

        assertThat(header(posts.get(3))).isEqualTo(":arrows_counterclockwise: AMI rollout in progress: web");
        assertThat(blocksText(posts.get(3))).doesNotContain("/resume");

        assertThat(header(posts.get(4))).isEqualTo(":white_check_mark: AMI rollout succeeded: web");
        assertThat(posts.get(4).at("/blocks/2/text/text").asText()).isEqualTo("*Outcome:* succeeded in 46m 30s\n"
                + "*Replaced:* 2 instances\n*Slowest drain:* `i-01` 3m 00s");
        assertThat(posts.get(4).path("text").asText()).startsWith("AMI rollout of web succeeded");
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
