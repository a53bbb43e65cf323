package dev.ecsami.operator.slack;

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
import java.util.function.Function;

/**
 * One JSON POST to Slack, turned into a {@link SendOutcome}. Runs on the sender thread only. Every
 * reason it returns is redacted of the secrets it was given.
 */
final class SlackHttp {
    private static final int MAX_BODY_IN_REASON = 200;

    private final HttpClient client;
    private final Duration timeout;
    private final Secret[] secrets;

    SlackHttp(HttpClient client, Duration timeout, List<Secret> secrets) {
        this.client = client;
        this.timeout = timeout;
        this.secrets = secrets.toArray(Secret[]::new);
    }

    static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param onSuccess reads a 2xx answer; the Web API answers errors with 200 and {@code "ok": false}
     */
    SendOutcome post(URI uri, Optional<Secret> bearer, String json, Function<HttpResponse<String>, SendOutcome> onSuccess) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token.reveal()));
        try {
            return classify(client.send(request.build(), HttpResponse.BodyHandlers.ofString()), onSuccess);
        } catch (HttpTimeoutException e) {
            return new SendOutcome.Retriable("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new SendOutcome.Retriable(Redaction.failure(e, secrets));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.Retriable("interrupted");
        }
    }

    private SendOutcome classify(HttpResponse<String> response, Function<HttpResponse<String>, SendOutcome> onSuccess) {
        int status = response.statusCode();
        if (status == 429) {
            return retryAfter(response).<SendOutcome>map(SendOutcome.RateLimited::new)
                    .orElse(new SendOutcome.Retriable("HTTP 429 without Retry-After"));
        }
        if (status >= 500 || status == 408) {
            return new SendOutcome.Retriable("HTTP " + status);
        }
        if (status >= 200 && status < 300) {
            return onSuccess.apply(response);
        }
        return new SendOutcome.Rejected("HTTP " + status + ": " + redact(response.body()));
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
}
