package dev.ecsami.operator.slack;

import dev.ecsami.operator.slack.Redaction.Secret;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Validated Slack settings. The secrets are {@link Secret}s, so {@code toString()} is safe to log.
 *
 * @param mode          which delivery the settings select
 * @param webhookUrl    set in {@link Mode#WEBHOOK}
 * @param botToken      set in {@link Mode#BOT}
 * @param channel       set in {@link Mode#BOT}, else empty
 * @param renderToLog   whether the log renderer runs, independent of the mode
 * @param drainDigestInterval how long a target's drains are summed up before one digest tells them
 */
public record SlackSettings(Mode mode, Optional<Secret> webhookUrl, Optional<Secret> botToken, String channel,
                            URI apiUrl, URI operatorUrl, Duration progressInterval, int queueCapacity,
                            int maxAttempts, Duration retryBackoff, Duration requestTimeout, boolean renderToLog,
                            Optional<Path> demoFile, Duration drainDigestInterval) {

    /** How messages reach Slack. */
    public enum Mode { OFF, WEBHOOK, BOT }

    private static final String P = "operator.slack.";

    /** The operator.slack.* settings do not fit together. The message names each key; it never holds a secret. */
    public static final class Invalid extends IllegalArgumentException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super("Invalid Slack configuration:\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** @throws Invalid listing every problem, each naming its key */
    public static SlackSettings from(SlackConfig c) {
        List<String> problems = new ArrayList<>();
        Optional<String> webhook = c.webhookUrl().filter(s -> !s.isBlank()).map(String::trim);
        Optional<String> token = c.botToken().filter(s -> !s.isBlank()).map(String::trim);
        String channel = c.channel().map(String::trim).orElse("");
        if (webhook.isPresent() && token.isPresent()) {
            problems.add(P + "webhook-url and " + P + "bot-token are both set; set one: a webhook posts a new "
                    + "message per milestone, a bot token updates one message per rollout");
        }
        if (token.isPresent() && channel.isEmpty()) {
            problems.add(P + "channel is required with " + P + "bot-token (a channel id such as C0123456789)");
        }
        if (token.isEmpty() && !channel.isEmpty()) {
            problems.add(P + "channel is set but " + P + "bot-token is not; a webhook posts to the channel "
                    + "it was created for, so set the bot token or remove the channel");
        }
        if (token.isPresent() && !token.get().startsWith("xox")) {
            problems.add(P + "bot-token does not look like a Slack token (expected xoxb-...; value hidden)");
        }
        webhook.ifPresent(w -> {
            if (httpUrl(w).isEmpty()) {
                problems.add(P + "webhook-url is not an absolute http(s) URL (value hidden)");
            }
        });
        URI api = requireUrl(problems, "api-url", c.apiUrl());
        URI operator = requireUrl(problems, "operator-url", c.operatorUrl());
        requirePositive(problems, "progress-interval", c.progressInterval());
        requirePositive(problems, "retry-backoff", c.retryBackoff());
        requirePositive(problems, "request-timeout", c.requestTimeout());
        requirePositive(problems, "drain-digest-interval", c.drainDigestInterval());
        if (c.queueCapacity() < 1) {
            problems.add(P + "queue-capacity must be at least 1, was " + c.queueCapacity());
        }
        if (c.maxAttempts() < 1) {
            problems.add(P + "max-attempts must be at least 1, was " + c.maxAttempts());
        }
        Optional<Path> demoFile = demoFile(problems, c.demoFile());
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        Mode mode = webhook.isPresent() ? Mode.WEBHOOK : token.isPresent() ? Mode.BOT : Mode.OFF;
        return new SlackSettings(mode, webhook.map(Secret::of), token.map(Secret::of), channel, api, operator,
                c.progressInterval(), c.queueCapacity(), c.maxAttempts(), c.retryBackoff(), c.requestTimeout(),
                c.renderToLog(), demoFile, c.drainDigestInterval());
    }

    public boolean enabled() {
        return mode != Mode.OFF;
    }

    private static Optional<URI> httpUrl(String value) {
        try {
            URI uri = new URI(value);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static URI requireUrl(List<String> problems, String key, String value) {
        Optional<URI> uri = httpUrl(value == null ? "" : value.trim());
        if (uri.isEmpty()) {
            problems.add(P + key + " is not an absolute http(s) URL: '" + Redaction.text(value) + "'");
            return null;
        }
        String s = uri.get().toString();
        return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    private static void requirePositive(List<String> problems, String key, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            problems.add(P + key + " must be a positive duration, was " + d);
        }
    }

    private static Optional<Path> demoFile(List<String> problems, Optional<String> value) {
        Optional<String> v = value.filter(s -> !s.isBlank());
        try {
            return v.map(s -> Path.of(s.trim()));
        } catch (InvalidPathException e) {
            problems.add(P + "demo-file is not a valid path: " + e.getReason());
            return Optional.empty();
        }
    }
}
