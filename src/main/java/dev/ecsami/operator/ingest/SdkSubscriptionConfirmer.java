package dev.ecsami.operator.ingest;

import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ConfirmSubscriptionResponse;

/** Confirms through the SNS ConfirmSubscription API; unsubscribing then needs AWS credentials. */
public final class SdkSubscriptionConfirmer implements SubscriptionConfirmer {

    private final SnsClient sns;

    public SdkSubscriptionConfirmer(SnsClient sns) {
        this.sns = Objects.requireNonNull(sns, "sns");
    }

    @Override
    public Confirmation confirm(PendingSubscription pending) {
        try {
            ConfirmSubscriptionResponse response = sns.confirmSubscription(request -> request
                    .topicArn(pending.topicArn())
                    .token(pending.token())
                    .authenticateOnUnsubscribe("true"));
            return new Confirmation.Confirmed(response.subscriptionArn());
        } catch (SdkException e) {
            return new Confirmation.Failed("ConfirmSubscription failed: " + e.getMessage());
        }
    }
}
