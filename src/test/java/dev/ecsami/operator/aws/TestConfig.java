package dev.ecsami.operator.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * An {@link AwsConfig} for tests: one endpoint, a fixed region, three attempts and tiny backoffs.
 * The time-outs are generous so that a loaded machine slows a test down instead of adding a retry.
 */
record TestConfig(Optional<String> region, Optional<URI> endpoint, int maxAttempts, RetryMode retryMode,
                  Duration retryBaseDelay, Duration throttlingBaseDelay, Duration maxBackoff,
                  Duration apiCallTimeout, Duration apiCallAttemptTimeout, int launchConfigurationsToKeep)
        implements AwsConfig {

    static TestConfig against(String endpoint) {
        return new TestConfig(Optional.of("us-east-1"), Optional.of(URI.create(endpoint)), 3, RetryMode.STANDARD,
                Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(60),
                Duration.ofSeconds(30), 2);
    }

    TestConfig withMaxAttempts(int attempts) {
        return new TestConfig(region, endpoint, attempts, retryMode, retryBaseDelay, throttlingBaseDelay, maxBackoff,
                apiCallTimeout, apiCallAttemptTimeout, launchConfigurationsToKeep);
    }

    TestConfig withRetryMode(RetryMode mode) {
        return new TestConfig(region, endpoint, maxAttempts, mode, retryBaseDelay, throttlingBaseDelay, maxBackoff,
                apiCallTimeout, apiCallAttemptTimeout, launchConfigurationsToKeep);
    }

    TestConfig withLaunchConfigurationsToKeep(int keep) {
        return new TestConfig(region, endpoint, maxAttempts, retryMode, retryBaseDelay, throttlingBaseDelay,
                maxBackoff, apiCallTimeout, apiCallAttemptTimeout, keep);
    }
}
