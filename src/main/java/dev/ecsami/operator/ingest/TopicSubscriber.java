package dev.ecsami.operator.ingest;

/** Makes sure an HTTPS endpoint is subscribed to a topic, without creating a second subscription. */
public interface TopicSubscriber {

    Outcome ensureSubscribed(String topicArn, String endpointUrl);

    sealed interface Outcome {
        /** A subscription for the endpoint exists; its ARN is "PendingConfirmation" until confirmed. */
        record AlreadySubscribed(String subscriptionArn) implements Outcome {
        }

        record Subscribed(String subscriptionArn) implements Outcome {
        }

        record Failed(String detail) implements Outcome {
        }
    }
}
