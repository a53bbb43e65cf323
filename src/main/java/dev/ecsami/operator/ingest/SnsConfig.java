package dev.ecsami.operator.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the operator receives and checks SNS messages (HTTP/S subscription on {@code POST /sns}). */
@ConfigMapping(prefix = "operator.sns")
public interface SnsConfig {

    /** The AWS account that publishes the ECS-optimized AMI update topic in every region. */
    String ECS_AMI_TOPIC_ACCOUNT = "177427601217";

    /** Region of the SNS API calls (confirm, subscribe) and of the default topic. */
    @WithDefault("us-east-1")
    String region();

    /** Topics whose messages are accepted; empty means the ECS AMI update topic of {@link #region()}. */
    Optional<List<String>> topicArns();

    /** How far a message Timestamp may be from the wall clock, either way. */
    @WithDefault("1h")
    Duration timestampTolerance();

    /** How long a handled MessageId is remembered; at least twice the timestamp tolerance. */
    @WithDefault("3h")
    Duration dedupeRetention();

    @WithDefault("10000")
    int dedupeMaxEntries();

    @WithDefault("50")
    int certCacheSize();

    @WithDefault("24h")
    Duration certCacheTtl();

    /** Check SNS signatures. Turning this off lets anyone who can reach /sns trigger an AMI check. */
    @WithDefault("true")
    boolean verifySignatures();

    /** The public https URL of {@code /sns}; when set, the operator subscribes it to every topic at start-up. */
    Optional<String> endpointUrl();

    /** Confirm SubscriptionConfirmation messages for allowed topics. */
    @WithDefault("true")
    boolean confirmSubscriptions();

    /** The allowed topics: the configured list, or the ECS AMI update topic of the region. */
    default List<String> allowedTopicArns() {
        return topicArns().filter(list -> !list.isEmpty())
                .orElseGet(() -> List.of("arn:aws:sns:" + region() + ":" + ECS_AMI_TOPIC_ACCOUNT
                        + ":ecs-optimized-amazon-ami-update"));
    }
}
