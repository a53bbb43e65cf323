package dev.ecsami.operator.slack;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackSettingsTest {
    static final String WEBHOOK = "https://hooks.slack.com/services/T0001/B0001/SuperSecretPath";
    static final String TOKEN = "xoxb-1111-2222-SuperSecretToken";

    /** The mapping as Quarkus builds it, from these properties only. */
    static SlackConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SlackConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(SlackConfig.class);
    }

    @Test
    void nothingSetMeansNoSlackWithDocumentedDefaults() {
        SlackSettings s = SlackSettings.from(config(Map.of()));

        assertThat(s.mode()).isEqualTo(SlackSettings.Mode.OFF);
        assertThat(s.enabled()).isFalse();
        assertThat(s.renderToLog()).isFalse();
        assertThat(s.apiUrl()).isEqualTo(URI.create("https://slack.com/api"));
        assertThat(s.operatorUrl()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(s.progressInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.queueCapacity()).isEqualTo(100);
        assertThat(s.maxAttempts()).isEqualTo(5);
        assertThat(s.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.demoFile()).isEmpty();
    }

    @Test
    void aWebhookUrlSelectsWebhookMode() {
        SlackSettings s = SlackSettings.from(config(Map.of("operator.slack.webhook-url", WEBHOOK,
                "operator.slack.progress-interval", "2m", "operator.slack.operator-url", "https://ops.example.com/")));

        assertThat(s.mode()).isEqualTo(SlackSettings.Mode.WEBHOOK);
        assertThat(s.webhookUrl().orElseThrow().reveal()).isEqualTo(WEBHOOK);
        assertThat(s.progressInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.operatorUrl()).isEqualTo(URI.create("https://ops.example.com"));
    }

    @Test
    void aBotTokenWithAChannelSelectsBotMode() {
        SlackSettings s = SlackSettings.from(config(Map.of("operator.slack.bot-token", TOKEN,
                "operator.slack.channel", "C0123456789", "operator.slack.render-to-log", "true",
                "operator.slack.demo-file", "target/slack.jsonl")));

        assertThat(s.mode()).isEqualTo(SlackSettings.Mode.BOT);
        assertThat(s.channel()).isEqualTo("C0123456789");
        assertThat(s.renderToLog()).isTrue();
        assertThat(s.demoFile()).contains(Path.of("target/slack.jsonl"));
    }

    @Test
    void aBotTokenWithoutAChannelStopsStartupNamingTheKey() {
        assertThatThrownBy(() -> SlackSettings.from(config(Map.of("operator.slack.bot-token", TOKEN))))
                .isInstanceOf(SlackSettings.Invalid.class)
                .hasMessageContaining("operator.slack.channel is required with operator.slack.bot-token")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aChannelWithoutABotTokenStopsStartup() {
        assertThatThrownBy(() -> SlackSettings.from(config(Map.of("operator.slack.channel", "C1"))))
                .hasMessageContaining("operator.slack.channel is set but operator.slack.bot-token is not");
    }

    @Test
    void aWebhookAndABotTogetherStopStartupWithoutShowingEither() {
        assertThatThrownBy(() -> SlackSettings.from(config(Map.of("operator.slack.webhook-url", WEBHOOK,
                "operator.slack.bot-token", TOKEN, "operator.slack.channel", "C1"))))
                .hasMessageContaining("operator.slack.webhook-url and operator.slack.bot-token are both set")
                .hasMessageNotContaining(WEBHOOK).hasMessageNotContaining(TOKEN).hasMessageNotContaining("SuperSecret");
    }

    @Test
    void aMalformedWebhookUrlIsNamedButNotShown() {
        String bad = "hooks.slack.com/services/T0001/B0001/SuperSecretPath";

        assertThatThrownBy(() -> SlackSettings.from(config(Map.of("operator.slack.webhook-url", bad))))
                .hasMessageContaining("operator.slack.webhook-url is not an absolute http(s) URL (value hidden)")
                .hasMessageNotContaining("SuperSecret");
    }

    @Test
    void aWebhookUrlInTheBotTokenIsCaughtWithoutShowingIt() {
        assertThatThrownBy(() -> SlackSettings.from(config(Map.of("operator.slack.bot-token", WEBHOOK,
                "operator.slack.channel", "C1"))))
                .hasMessageContaining("operator.slack.bot-token does not look like a Slack token")
                .hasMessageNotContaining("SuperSecret");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        SlackSettings.Invalid e = (SlackSettings.Invalid) org.junit.jupiter.api.Assertions.assertThrows(
                SlackSettings.Invalid.class, () -> SlackSettings.from(config(Map.of(
                        "operator.slack.api-url", "slack.com/api", "operator.slack.queue-capacity", "0",
                        "operator.slack.max-attempts", "0", "operator.slack.request-timeout", "0s"))));

        assertThat(e.problems()).containsExactly(
                "operator.slack.api-url is not an absolute http(s) URL: 'slack.com/api'",
                "operator.slack.request-timeout must be a positive duration, was PT0S",
                "operator.slack.queue-capacity must be at least 1, was 0",
                "operator.slack.max-attempts must be at least 1, was 0");
    }

    @Test
    void neitherTheSettingsNorTheConfigMappingPrintSecrets() {
        SlackConfig webhookConfig = config(Map.of("operator.slack.webhook-url", WEBHOOK));
        SlackConfig botConfig = config(Map.of("operator.slack.bot-token", TOKEN, "operator.slack.channel", "C1"));

        assertThat(webhookConfig.toString() + SlackSettings.from(webhookConfig))
                .doesNotContain("SuperSecret").doesNotContain("hooks.slack.com");
        assertThat(botConfig.toString() + SlackSettings.from(botConfig))
                .doesNotContain("SuperSecret").doesNotContain("xoxb");
        assertThat(SlackSettings.from(botConfig).toString()).contains("botToken=Optional[***]");
    }
}
