package dev.ecsami.operator.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How the operator talks to AWS. Everything left empty is resolved by the SDK's default chains:
 * region from {@code AWS_REGION} / profile / instance metadata, credentials from the default
 * provider chain, endpoints from {@code AWS_ENDPOINT_URL} and {@code AWS_ENDPOINT_URL_<SERVICE>}.
 */
@ConfigMapping(prefix = "operator.aws")
public interface AwsConfig {

    /** Region for every client, e.g. {@code eu-west-1}; empty uses the SDK's region chain. */
    Optional<String> region();

    /** One endpoint for every service (LocalStack, a test stub); empty keeps the SDK's resolution. */
    Optional<URI> endpoint();

    /** Attempts per API call, the first one included. */
    @WithDefault("5")
    int maxAttempts();

    /** {@code standard}, or {@code adaptive} to also rate-limit the client after throttling. */
    @WithDefault("standard")
    RetryMode retryMode();

    /** Base of the jittered exponential backoff after a transient error. */
    @WithDefault("100ms")
    Duration retryBaseDelay();

    /** Base of the jittered exponential backoff after a throttling error. */
    @WithDefault("1s")
    Duration throttlingBaseDelay();

    /** Longest single backoff. */
    @WithDefault("20s")
    Duration maxBackoff();

    /** Time for a whole API call, retries included. */
    @WithDefault("60s")
    Duration apiCallTimeout();

    /** Time for one HTTP attempt. */
    @WithDefault("15s")
    Duration apiCallAttemptTimeout();

    /** Operator-created launch configurations kept per group (the current and previous always are). */
    @WithDefault("2")
    int launchConfigurationsToKeep();

    enum RetryMode { STANDARD, ADAPTIVE }
}
