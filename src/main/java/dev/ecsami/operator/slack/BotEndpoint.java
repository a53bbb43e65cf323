package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;

/**
 * The Web API with a bot token: a rollout's first status is a chat.postMessage whose channel and
 * ts are remembered; later statuses chat.update that message, and replies go in its thread.
 * Errors come back as HTTP 200 with {@code "ok": false}; only Slack's transient ones are retried.
 */
final class BotEndpoint implements SlackEndpoint {
    /** Rollout messages remembered; the oldest is forgotten first (its next status would post anew). */
    static final int MAX_REMEMBERED = 1000;
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");
    /** The remembered message is gone or frozen: forget it, so the next status posts a new one. */
    private static final Set<String> MESSAGE_LOST = Set.of("message_not_found", "cant_update_message",
            "edit_window_closed");

    private final SlackHttp http;
    private final URI apiUrl;
    private final Secret token;
    private final String channel;
    private final ObjectMapper json = new ObjectMapper();
    private final PostedMessages posted;

    BotEndpoint(SlackHttp http, URI apiUrl, Secret token, String channel, PostedMessages posted) {
        this.http = http;
        this.posted = posted;
        this.apiUrl = apiUrl;
        this.token = token;
        this.channel = channel;
    }

    @Override
    public SendOutcome deliver(Delivery d) {
        ObjectNode body = d.message().payload();
        return switch (d.kind()) {
            case ANNOUNCE -> call("chat.postMessage", body.put("channel", channel));
            case STATUS -> status(d.rolloutId(), body);
            case REPLY -> reply(d.rolloutId(), body);
        };
    }

    @Override
    public String mode() {
        return "bot";
    }

    private SendOutcome status(String rolloutId, ObjectNode body) {
        SendOutcome.Sent message = posted.get(rolloutId).orElse(null);
        if (message == null) {
            SendOutcome outcome = call("chat.postMessage", body.put("channel", channel));
            if (outcome instanceof SendOutcome.Sent sent) {
                posted.put(rolloutId, sent);
            }
            return outcome;
        }
        SendOutcome outcome = call("chat.update", body.put("channel", message.channel()).put("ts", message.ts()));
        if (outcome instanceof SendOutcome.Rejected rejected && MESSAGE_LOST.stream().anyMatch(rejected.reason()::contains)) {
            posted.forget(rolloutId);
        }
        return outcome;
    }

    private SendOutcome reply(String rolloutId, ObjectNode body) {
        SendOutcome.Sent message = posted.get(rolloutId).orElse(null);
        if (message == null) {
            return new SendOutcome.Rejected("no message of rollout " + rolloutId + " to reply to");
        }
        return call("chat.postMessage", body.put("channel", message.channel()).put("thread_ts", message.ts()));
    }

    private SendOutcome call(String method, ObjectNode body) {
        return http.post(URI.create(apiUrl + "/" + method), Optional.of(token), body.toString(), this::answer);
    }

    private SendOutcome answer(HttpResponse<String> response) {
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            return new SendOutcome.Retriable("unreadable answer: " + http.redact(response.body()));
        }
        if (answer == null || !answer.isObject()) {
            return new SendOutcome.Retriable("unreadable answer: " + http.redact(response.body()));
        }
        if (answer.path("ok").asBoolean(false)) {
            String ch = answer.path("channel").asText("");
            return new SendOutcome.Sent(ch.isEmpty() ? channel : ch, answer.path("ts").asText(""));
        }
        String error = http.redact(answer.path("error").asText("unknown_error"));
        if ("ratelimited".equals(error)) {
            return SlackHttp.retryAfter(response).<SendOutcome>map(SendOutcome.RateLimited::new)
                    .orElse(new SendOutcome.Retriable("Slack error ratelimited"));
        }
        return TRANSIENT.contains(error) ? new SendOutcome.Retriable("Slack error " + error)
                : new SendOutcome.Rejected("Slack error " + error);
    }
}
