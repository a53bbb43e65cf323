package dev.ecsami.operator.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * Slack settings as configured. Read through {@link SlackSettings#from(SlackConfig)}, which
 * validates them and keeps the secrets out of {@code toString()}. This interface deliberately
 * declares no {@code toString()}, so no generated one can print the token.
 */
@ConfigMapping(prefix = "operator.slack")
public interface SlackConfig {

    /** Incoming-webhook URL. Webhook mode: one new message per milestone, no edits. Secret. */
    Optional<String> webhookUrl();

    /** Bot token (xoxb-...) with chat:write. Bot mode: one message per rollout, updated in place. Secret. */
    Optional<String> botToken();

    /** Channel id (C0123456789) or name for bot mode. */
    Optional<String> channel();

    /** Base URL of the Slack Web API. */
    @WithDefault("https://slack.com/api")
    String apiUrl();

    /** Base URL of this operator's HTTP API, used in the resume/abort/approve commands shown to people. */
    @WithDefault("http://localhost:8080")
    String operatorUrl();

    /** Webhook mode: at most one progress message per rollout in this interval. */
    @WithDefault("5m")
    Duration progressInterval();

    /** Messages waiting to be sent; when full, the oldest progress update is dropped. */
    @WithDefault("100")
    int queueCapacity();

    /** Attempts per message, the first included, before it is dropped. */
    @WithDefault("5")
    int maxAttempts();

    /** Delay before the first retry of a failed message; doubles with each further attempt. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Connect and response timeout of one call to Slack. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * Drains of instances leaving outside a rollout (scale-in, Spot) are summed up per target over
     * this interval, then told in one message.
     */
    @WithDefault("15m")
    Duration drainDigestInterval();

    /** Render the Slack messages as text to the log (demo and local runs). */
    @WithDefault("false")
    boolean renderToLog();

    /** With render-to-log: also append each message's JSON payload to this file, one per line. */
    Optional<String> demoFile();
}
