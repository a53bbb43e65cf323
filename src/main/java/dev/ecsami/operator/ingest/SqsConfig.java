package dev.ecsami.operator.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Optional SQS queue subscribed to the AMI topic; polled when {@code queue-url} is set. */
@ConfigMapping(prefix = "operator.sqs")
public interface SqsConfig {

    Optional<String> queueUrl();

    /** Endpoint override, e.g. ElasticMQ or LocalStack; the regional AWS endpoint when absent. */
    Optional<URI> endpoint();

    @WithDefault("us-east-1")
    String region();

    /** Long-poll wait of one ReceiveMessage call (0 to 20 seconds). */
    @WithDefault("20s")
    Duration waitTime();

    /** Visibility granted per receive; extended while a message is still being handled. */
    @WithDefault("60s")
    Duration visibilityTimeout();

    /** Receives after which a failing message is left for the queue's redrive policy (DLQ). */
    @WithDefault("5")
    int maxReceives();
}
