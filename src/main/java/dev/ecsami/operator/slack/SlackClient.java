package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.slack.Delivery;
import dev.ecsami.operator.slack.Redaction.Secret;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The three Slack calls: a webhook post, chat.postMessage and chat.update. One delivery is one call,
 * turned into an {@link Outcome}; every reason it returns is redacted of the secrets it holds. Runs on
 * the outbox's thread only.
 */
abstract class SlackClient {
    private static final int MAX_BODY_IN_REASON = 200;

    /** What one attempt came to. Reasons are redacted: they are logged as they are. */
    sealed interface Outcome {
        /** Delivered. In bot mode, where the message now lives; empty strings for a webhook. */
        record Sent(String channel, String ts) implements Outcome {
            static Sent webhook() {
                return new Sent("", "");
            }
        }

        /** Slack asked to wait before the next call (HTTP 429 with Retry-After). */
        record RateLimited(Duration retryAfter) implements Outcome {
        }

        /** Failed in a way that may pass: 5xx, an I/O error, a timeout, Slack's internal errors. */
        record Retriable(String reason) implements Outcome {
        }

        /** Slack refused it and would refuse it again: bad payload, unknown channel, revoked token. */
        record Rejected(String reason) implements Outcome {
        }

        /** Never reached Slack: the message could not be planned or rendered (a bug, or data it cannot show). */
        record Unsendable(String reason) implements Outcome {
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final Secret[] secrets;

    /** A client that calls no one (the log renderer). */
    SlackClient() {
        this.client = null;
        this.timeout = Duration.ZERO;
        this.secrets = new Secret[0];
    }

    SlackClient(Duration timeout, List<Secret> secrets) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.secrets = secrets.toArray(Secret[]::new);
    }

    abstract Outcome deliver(Delivery delivery);

    /** "webhook", "bot" or "log", for logs and metric tags. */
    abstract String mode();

    static SlackClient webhook(Secret url, Duration timeout) {
        return new Webhook(url, timeout);
    }

    static SlackClient bot(ObjectMapper json, URI apiUrl, Secret token, String channel, PostedMessages posted,
                           Duration timeout) {
        return new Bot(json, apiUrl, token, channel, posted, timeout);
    }

    /** @param onSuccess reads a 2xx answer; the Web API answers errors with 200 and {@code "ok": false} */
    Outcome post(URI uri, Optional<Secret> bearer, String json, Function<HttpResponse<String>, Outcome> onSuccess) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token.reveal()));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 429) {
                return retryAfter(response).<Outcome>map(Outcome.RateLimited::new)
                        .orElse(new Outcome.Retriable("HTTP 429 without Retry-After"));
            }
            if (status >= 500 || status == 408) {
                return new Outcome.Retriable("HTTP " + status);
            }
            if (status >= 200 && status < 300) {
                return onSuccess.apply(response);
            }
            return new Outcome.Rejected("HTTP " + status + ": " + redact(response.body()));
        } catch (HttpTimeoutException e) {
            return new Outcome.Retriable("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Outcome.Retriable(Redaction.failure(e, secrets));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Retriable("interrupted");
        }
    }

    /** Slack's Retry-After is in seconds. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                double seconds = Double.parseDouble(v.trim());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    String redact(String text) {
        String body = text == null ? "" : text.strip();
        return Redaction.text(body.length() > MAX_BODY_IN_REASON ? body.substring(0, MAX_BODY_IN_REASON) : body,
                secrets);
    }

    /** An incoming webhook: every delivery is a new message; webhook messages cannot be edited. */
    private static final class Webhook extends SlackClient {
        private final URI url;

        Webhook(Secret url, Duration timeout) {
            super(timeout, List.of(url));
            try {
                this.url = URI.create(url.reveal());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the webhook URL is not a valid URI (value hidden)");
            }
        }

        @Override
        Outcome deliver(Delivery delivery) {
            return post(url, Optional.empty(), delivery.message().payload().toString(), r -> Outcome.Sent.webhook());
        }

        @Override
        String mode() {
            return "webhook";
        }
    }

    /**
     * The Web API with a bot token: a rollout's first status is a chat.postMessage whose channel and
     * ts are remembered; later statuses chat.update that message, and replies go in its thread.
     * Errors come back as HTTP 200 with {@code "ok": false}; only Slack's transient ones are retried.
     */
    private static final class Bot extends SlackClient {
        private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
                "service_unavailable", "request_timeout");
        /** The remembered message is gone or frozen: forget it, so the next status posts a new one. */
        private static final Set<String> MESSAGE_LOST = Set.of("message_not_found", "cant_update_message",
                "edit_window_closed");
        private final ObjectMapper json;

        private final URI apiUrl;
        private final Secret token;
        private final String channel;
        private final PostedMessages posted;

        Bot(ObjectMapper json, URI apiUrl, Secret token, String channel, PostedMessages posted, Duration timeout) {
            super(timeout, List.of(token));
            this.json = json;
            this.apiUrl = apiUrl;
            this.token = token;
            this.channel = channel;
            this.posted = posted;
        }

        @Override
        Outcome deliver(Delivery d) {
            ObjectNode body = d.message().payload();
            return switch (d.kind()) {
                case ANNOUNCE -> call("chat.postMessage", body.put("channel", channel));
                case STATUS -> status(d.rolloutId(), body);
                case REPLY -> reply(d.rolloutId(), body);
            };
        }

        @Override
        String mode() {
            return "bot";
        }

        private Outcome status(String rolloutId, ObjectNode body) {
            Outcome.Sent message = posted.get(rolloutId).orElse(null);
            if (message == null) {
                Outcome outcome = call("chat.postMessage", body.put("channel", channel));
                if (outcome instanceof Outcome.Sent sent) {
                    posted.put(rolloutId, sent);
                }
                return outcome;
            }
            Outcome outcome = call("chat.update", body.put("channel", message.channel()).put("ts", message.ts()));
            if (outcome instanceof Outcome.Rejected rejected
                    && MESSAGE_LOST.stream().anyMatch(rejected.reason()::contains)) {
                posted.forget(rolloutId);
            }
            return outcome;
        }

        private Outcome reply(String rolloutId, ObjectNode body) {
            Outcome.Sent message = posted.get(rolloutId).orElse(null);
            if (message == null) {
                return new Outcome.Rejected("no message of rollout " + rolloutId + " to reply to");
            }
            return call("chat.postMessage", body.put("channel", message.channel()).put("thread_ts", message.ts()));
        }

        private Outcome call(String method, ObjectNode body) {
            return post(URI.create(apiUrl + "/" + method), Optional.of(token), body.toString(), this::answer);
        }

        private Outcome answer(HttpResponse<String> response) {
            JsonNode answer;
            try {
                answer = json.readTree(response.body());
            } catch (IOException e) {
                answer = null;
            }
            if (answer == null || !answer.isObject()) {
                return new Outcome.Retriable("unreadable answer: " + redact(response.body()));
            }
            if (answer.path("ok").asBoolean(false)) {
                String ch = answer.path("channel").asText("");
                return new Outcome.Sent(ch.isEmpty() ? channel : ch, answer.path("ts").asText(""));
            }
            String error = redact(answer.path("error").asText("unknown_error"));
            if ("ratelimited".equals(error)) {
                return retryAfter(response).<Outcome>map(Outcome.RateLimited::new)
                        .orElse(new Outcome.Retriable("Slack error ratelimited"));
            }
            return TRANSIENT.contains(error) ? new Outcome.Retriable("Slack error " + error)
                    : new Outcome.Rejected("Slack error " + error);
        }
    }
}
