package dev.ecsami.operator.ingest;

import java.util.Objects;

/** Confirms a pending SNS subscription from the Token of a verified SubscriptionConfirmation. */
public interface SubscriptionConfirmer {

    Confirmation confirm(PendingSubscription pending);

    /** The signed fields of a SubscriptionConfirmation that confirming needs. */
    record PendingSubscription(String topicArn, String token, String subscribeUrl) {
        public PendingSubscription {
            Objects.requireNonNull(topicArn, "topicArn");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(subscribeUrl, "subscribeUrl");
        }
    }

    sealed interface Confirmation {
        record Confirmed(String subscriptionArn) implements Confirmation {
        }

        record Failed(String detail) implements Confirmation {
        }
    }
}
