package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.aws.AwsConfig;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * AWS settings against the stub: one endpoint, two attempts per call with millisecond backoffs and
 * standard (not adaptive) retry, so the SDK retries once and the engine's own retry does the rest.
 */
record StubConfig(Optional<String> region, Optional<URI> endpoint, int maxAttempts, RetryMode retryMode,
                  Duration retryBaseDelay, Duration throttlingBaseDelay, Duration maxBackoff,
                  Duration apiCallTimeout, Duration apiCallAttemptTimeout, int launchConfigurationsToKeep)
        implements AwsConfig {

    static StubConfig against(URI endpoint) {
        return new StubConfig(Optional.of("us-east-1"), Optional.of(endpoint), 2, RetryMode.STANDARD,
                Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(10),
                Duration.ofSeconds(5), 2);
    }
}
