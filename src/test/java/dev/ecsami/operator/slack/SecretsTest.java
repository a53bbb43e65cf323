package dev.ecsami.operator.slack;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.testing.MutableClock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ecsami.operator.slack.RolloutScript.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** However Slack fails, the token and the webhook URL never reach a log line, a metric or a toString. */
class SecretsTest {
    @RegisterExtension
    static WireMockExtension slack = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private static final String TOKEN = "xoxb-9999-8888-NeverLogThisToken";
    private static final String HOOK_PATH = "/services/T9/B9/NeverLogThisHookPath";
    private final MutableClock clock = new MutableClock(T0);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SlackNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
    }

    /** Three failures in a row: a 500, a 404 whose body echoes the secrets, a connection refused. */
    private void failThreeWays(TestSettings settings, String echo) {
        slack.stubFor(post(urlPathMatching(".*")).inScenario("fail").whenScenarioStateIs("Started")
                .willReturn(aResponse().withStatus(500).withBody("boom " + echo)).willSetStateTo("404"));
        slack.stubFor(post(urlPathMatching(".*")).inScenario("fail").whenScenarioStateIs("404")
                .willReturn(aResponse().withStatus(404).withBody("no_service for " + echo)));
        settings.maxAttempts = 2;
        notifier = SlackNotifier.slack(TestJson.MAPPER, settings.build(), clock, Optional.of(registry)).orElseThrow();
        RolloutScript s = RolloutScript.of(2);
        s.start(T0).tell(notifier);
        Eventually.await(Duration.ofSeconds(5), "the message to be refused",
                () -> notifier.metrics().droppedCount(SlackMetrics.Drop.REJECTED) == 1);
    }

    private static void assertNoSecretIn(String text) {
        assertThat(text).doesNotContain(TOKEN).doesNotContain("NeverLogThis").doesNotContain(HOOK_PATH);
    }

    private void assertNoSecretInMetrics() {
        for (Meter m : registry.getMeters()) {
            assertNoSecretIn(m.getId().toString());
        }
        assertThat(registry.getMeters()).isNotEmpty();
    }

    @Test
    void webhookFailuresNeverShowTheWebhookUrl() throws IOException {
        String url = slack.baseUrl() + HOOK_PATH;
        try (LogCapture log = new LogCapture()) {
            failThreeWays(TestSettings.webhook(url), url);
            notifier.close();
            notifier = SlackNotifier.slack(TestJson.MAPPER, TestSettings.webhook(unreachable() + HOOK_PATH).build(), clock,
                    Optional.of(registry)).orElseThrow();
            RolloutScript s = RolloutScript.of(2);
            s.start(T0).tell(notifier);
            Eventually.await(Duration.ofSeconds(5), "the unreachable webhook to be given up",
                    () -> notifier.metrics().droppedCount(SlackMetrics.Drop.GAVE_UP) == 1);

            assertThat(log.all()).contains("Slack notifications on: webhook mode, to http://127.0.0.1:",
                    "Slack refused the webhook", "HTTP 404", "dropped after 3 attempts");
            assertNoSecretIn(log.all());
        }
        assertNoSecretInMetrics();
        assertNoSecretIn(notifier.toString());
    }

    @Test
    void botFailuresNeverShowTheToken() throws IOException {
        try (LogCapture log = new LogCapture()) {
            failThreeWays(TestSettings.bot(slack.baseUrl() + "/api", TOKEN, "C1"), "Bearer " + TOKEN);
            slack.resetAll();
            slack.stubFor(post(urlPathMatching(".*")).willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth "
                    + TOKEN + "\"}")));
            RolloutScript s = RolloutScript.of(2);
            s.start(T0).tell(notifier);
            Eventually.await(Duration.ofSeconds(5), "the invalid_auth answer",
                    () -> notifier.metrics().droppedCount(SlackMetrics.Drop.REJECTED) == 2);

            assertThat(log.all()).contains("Slack refused the bot", "invalid_auth");
            assertNoSecretIn(log.all());
        }
        assertNoSecretInMetrics();
    }

    @Test
    void aBrokenRolloutIsLoggedWithoutSecretsAndNeverThrown() {
        slack.stubFor(post(urlPathMatching(".*")).willReturn(okJson("{\"ok\":true}")));
        notifier = SlackNotifier.slack(TestJson.MAPPER, TestSettings.bot(slack.baseUrl() + "/api", TOKEN, "C1").build(), clock,
                Optional.empty()).orElseThrow();
        RolloutScript s = RolloutScript.of(2);

        try (LogCapture log = new LogCapture()) {
            notifier.rolloutChanged(null, s.start(T0).events());
            notifier.targetsBehind(null);

            assertThat(log.all()).contains("No Slack message for rollout ?", "No Slack message for targets behind");
            assertNoSecretIn(log.all());
        }
    }

    /** A loopback port nothing listens on. */
    private static String unreachable() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
