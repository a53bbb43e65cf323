package dev.ecsami.operator.slack;

import dev.ecsami.operator.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.port.Notifier.Behind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.ecsami.operator.slack.RolloutScript.T0;
import static org.assertj.core.api.Assertions.assertThat;

class LogSlackRendererTest {
    private final MutableClock clock = new MutableClock(T0);

    @Test
    void aPauseIsLoggedAsReadableTextWithTheCallsToRun() {
        SlackNotifier renderer = SlackNotifier.logRenderer(TestSettings.logOnly(null).build(), clock).orElseThrow();
        RolloutScript s = RolloutScript.of(2);
        s.start(T0);

        try (LogCapture log = new LogCapture()) {
            s.pause("drain of i-01 timed out & <stuck>", T0.plusSeconds(60)).tell(renderer);

            String text = log.all();
            assertThat(text).contains("Slack would show in the channel:\n== AMI rollout paused: web ==\n"
                    + "Target: web\nCluster: prod\nAuto Scaling group: prod-web-asg\n");
            assertThat(text).contains("Why: drain of i-01 timed out & <stuck>\n");
            assertThat(text).contains("To resume or abort:\n    curl -X POST -H \"Authorization: Bearer $TOKEN\" "
                    + "http://localhost:8080/api/rollouts/r-20240613-web/resume\n");
            assertThat(text).contains("Slack would show in the thread of rollout r-20240613-web:\nPaused: drain of i-01");
            assertThat(text).doesNotContain(":double_vertical_bar:").doesNotContain("*Why:*").doesNotContain("&amp;");
        }
    }

    @Test
    void progressIsThrottledLikeTheWebhook() {
        TestSettings settings = TestSettings.logOnly(null);
        settings.progressInterval = Duration.ofMinutes(10);
        SlackNotifier renderer = SlackNotifier.logRenderer(settings.build(), clock).orElseThrow();
        RolloutScript s = RolloutScript.of(2);

        try (LogCapture log = new LogCapture()) {
            s.start(T0).tell(renderer);
            clock.set(T0.plusSeconds(60));
            s.startInstance("i-01", T0.plusSeconds(60)).tell(renderer);

            assertThat(log.lines().stream().filter(l -> l.contains("Slack would show"))).hasSize(1);
        }
    }

    @Test
    void theDemoFileGetsOnePayloadPerLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("slack.jsonl");
        SlackNotifier renderer = SlackNotifier.logRenderer(TestSettings.logOnly(file).build(), clock).orElseThrow();
        RolloutScript s = RolloutScript.of(2);
        s.start(T0);
        s.startInstance("i-01", T0);

        s.finish("i-01", T0.plusSeconds(60), T0.plusSeconds(120)).tell(renderer);
        renderer.targetsBehind(List.of(new Behind(RolloutScript.target(RolloutPolicy.defaults()), RolloutScript.OLD,
                RolloutScript.NEW, "")));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> parsed = lines.stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertThat(parsed).extracting(p -> p.path("kind").asText()).containsExactly("status", "reply", "announce");
        assertThat(parsed.get(0).path("rollout").asText()).isEqualTo("r-20240613-web");
        assertThat(parsed).allSatisfy(p -> assertThat(p.at("/payload/blocks").isArray()).isTrue());
        assertThat(parsed.get(2).at("/payload/text").asText()).startsWith("web is behind its AMI source");
    }

    @Test
    void nothingIsRenderedUnlessAskedFor() {
        assertThat(SlackNotifier.logRenderer(new TestSettings().build(), clock)).isEmpty();
    }
}
