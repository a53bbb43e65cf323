package dev.ecsami.operator.slack;

import java.time.Duration;

/** What one attempt to send a message came to. Reasons are redacted: they are logged as they are. */
sealed interface SendOutcome {

    /** Delivered. In bot mode, where the message now lives; empty strings for a webhook. */
    record Sent(String channel, String ts) implements SendOutcome {
        static Sent webhook() {
            return new Sent("", "");
        }
    }

    /** Slack asked to wait before the next call (HTTP 429 with Retry-After). */
    record RateLimited(Duration retryAfter) implements SendOutcome {
    }

    /** Failed in a way that may pass: 5xx, an I/O error, a timeout, Slack's internal errors. */
    record Retriable(String reason) implements SendOutcome {
    }

    /** Slack refused it and would refuse it again: bad payload, unknown channel, revoked token. */
    record Rejected(String reason) implements SendOutcome {
    }
}
