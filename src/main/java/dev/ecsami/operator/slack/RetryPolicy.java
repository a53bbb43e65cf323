package dev.ecsami.operator.slack;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try a message again: after Slack's Retry-After when rate limited, else after a backoff
 * that doubles per attempt; never after {@code maxAttempts} attempts or a rejection.
 */
record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and at most maxBackoff");
        }
    }

    /**
     * The wait before the next attempt, or empty to give up.
     *
     * @param attemptsMade attempts so far, the failed one included (1 after the first)
     */
    Optional<Duration> nextDelay(int attemptsMade, SendOutcome failed) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        if (failed instanceof SendOutcome.RateLimited limited) {
            return Optional.of(limited.retryAfter());
        }
        if (failed instanceof SendOutcome.Retriable) {
            int doublings = Math.min(attemptsMade - 1, 30);
            Duration backoff = initialBackoff.multipliedBy(1L << doublings);
            return Optional.of(backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff);
        }
        return Optional.empty();
    }
}
