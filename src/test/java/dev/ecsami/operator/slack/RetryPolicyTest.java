package dev.ecsami.operator.slack;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final SendOutcome failure = new SendOutcome.Retriable("HTTP 500");

    @Test
    void backoffDoublesPerAttemptUpToItsCeiling() {
        assertThat(policy.nextDelay(1, failure)).contains(Duration.ofSeconds(1));
        assertThat(policy.nextDelay(2, failure)).contains(Duration.ofSeconds(2));
        assertThat(policy.nextDelay(3, failure)).contains(Duration.ofSeconds(4));
        assertThat(policy.nextDelay(4, failure)).contains(Duration.ofSeconds(5));
    }

    @Test
    void rateLimitedWaitsExactlyWhatSlackAsked() {
        assertThat(policy.nextDelay(1, new SendOutcome.RateLimited(Duration.ofSeconds(30))))
                .contains(Duration.ofSeconds(30));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(policy.nextDelay(5, failure)).isEmpty();
        assertThat(policy.nextDelay(5, new SendOutcome.RateLimited(Duration.ofSeconds(1)))).isEmpty();
    }

    @Test
    void aRejectionIsNeverRetried() {
        assertThat(policy.nextDelay(1, new SendOutcome.Rejected("HTTP 400: invalid_payload"))).isEmpty();
    }
}
