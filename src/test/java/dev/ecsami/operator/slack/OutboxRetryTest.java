package dev.ecsami.operator.slack;

import dev.ecsami.operator.runtime.RetryPolicy;
import dev.ecsami.operator.slack.SlackClient.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** When the outbox tries a message again: the runtime's retry policy, with Slack's Retry-After. */
class OutboxRetryTest {
    private final RetryPolicy policy = Outbox.retryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final Outcome failure = new Outcome.Retriable("HTTP 500");

    @Test
    void backoffDoublesPerAttemptUpToItsCeiling() {
        assertThat(Outbox.nextDelay(policy, 1, failure)).contains(Duration.ofSeconds(1));
        assertThat(Outbox.nextDelay(policy, 2, failure)).contains(Duration.ofSeconds(2));
        assertThat(Outbox.nextDelay(policy, 3, failure)).contains(Duration.ofSeconds(4));
        assertThat(Outbox.nextDelay(policy, 4, failure)).contains(Duration.ofSeconds(5));
    }

    @Test
    void rateLimitedWaitsExactlyWhatSlackAsked() {
        assertThat(Outbox.nextDelay(policy, 1, new Outcome.RateLimited(Duration.ofSeconds(30))))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(Outbox.nextDelay(policy, 5, failure)).isEmpty();
        assertThat(Outbox.nextDelay(policy, 5, new Outcome.RateLimited(Duration.ofSeconds(1)))).isEmpty();
    }

    @Test
    void aRejectionIsNeverRetried() {
        assertThat(Outbox.nextDelay(policy, 1, new Outcome.Rejected("HTTP 400: invalid_payload"))).isEmpty();
    }
}
