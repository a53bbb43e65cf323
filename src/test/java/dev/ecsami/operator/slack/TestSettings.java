package dev.ecsami.operator.slack;

import dev.ecsami.operator.slack.Redaction.Secret;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Settings for tests: short timeouts and backoff, everything else as documented. */
final class TestSettings {
    SlackSettings.Mode mode = SlackSettings.Mode.OFF;
    String webhookUrl;
    String botToken;
    String channel = "";
    String apiUrl = "https://slack.com/api";
    Duration progressInterval = Duration.ofMinutes(5);
    int queueCapacity = 100;
    int maxAttempts = 3;
    Duration retryBackoff = Duration.ofMillis(10);
    Duration requestTimeout = Duration.ofSeconds(2);
    boolean renderToLog;
    Path demoFile;
    Duration drainDigestInterval = Duration.ofMinutes(15);

    static TestSettings webhook(String url) {
        TestSettings t = new TestSettings();
        t.mode = SlackSettings.Mode.WEBHOOK;
        t.webhookUrl = url;
        return t;
    }

    static TestSettings bot(String apiUrl, String token, String channel) {
        TestSettings t = new TestSettings();
        t.mode = SlackSettings.Mode.BOT;
        t.apiUrl = apiUrl;
        t.botToken = token;
        t.channel = channel;
        return t;
    }

    static TestSettings logOnly(Path demoFile) {
        TestSettings t = new TestSettings();
        t.renderToLog = true;
        t.demoFile = demoFile;
        return t;
    }

    SlackSettings build() {
        return new SlackSettings(mode, Optional.ofNullable(webhookUrl).map(Secret::of),
                Optional.ofNullable(botToken).map(Secret::of), channel, URI.create(apiUrl),
                URI.create("http://localhost:8080"), progressInterval, queueCapacity, maxAttempts, retryBackoff,
                requestTimeout, renderToLog, Optional.ofNullable(demoFile), drainDigestInterval);
    }
}
