package dev.ecsami.operator.ingest;

import java.util.Objects;
import org.jboss.logging.Logger;

/** Confirms a pending SNS subscription from the Token of a verified SubscriptionConfirmation. */
@FunctionalInterface
public interface SubscriptionConfirmer {

    Confirmation confirm(PendingSubscription pending);

    /** Tries {@code preferred} and, only when it fails, {@code fallback}; both failures are reported. */
    static SubscriptionConfirmer withFallback(SubscriptionConfirmer preferred, SubscriptionConfirmer fallback) {
        return pending -> {
            Confirmation first = preferred.confirm(pending);
            if (first instanceof Confirmation.Failed failedFirst) {
                Logger.getLogger(SubscriptionConfirmer.class).warnf("confirming %s through the API failed (%s);"
                        + " visiting the SubscribeURL instead", pending.topicArn(), failedFirst.detail());
                Confirmation second = fallback.confirm(pending);
                return second instanceof Confirmation.Failed failed
                        ? new Confirmation.Failed(failedFirst.detail() + "; then " + failed.detail()) : second;
            }
            return first;
        };
    }

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
