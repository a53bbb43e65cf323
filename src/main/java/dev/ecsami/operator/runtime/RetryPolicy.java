package dev.ecsami.operator.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * Exponential backoff for transient AWS errors (throttling, 5xx, time-outs). {@link #nextDelay}
 * is empty when the policy gives up, and the rollout then pauses with the error.
 */
public record RetryPolicy(Duration base, Duration max, int maxAttempts) {

    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(2), 12);
    }

    /** @param attempt how many consecutive failures there have been, from 1 */
    public Optional<Duration> nextDelay(int attempt) {
        if (attempt > maxAttempts) {
            return Optional.empty();
        }
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration d = base.multipliedBy(factor);
        return Optional.of(d.compareTo(max) > 0 ? max : d);
    }
}
