package dev.ecsami.operator.ingest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.Subscription;

/** Subscribes through the SNS API; idempotent across restarts because it looks before subscribing. */
public final class SdkTopicSubscriber implements TopicSubscriber {

    /** The SubscriptionArn SNS reports until the endpoint confirmed; subscribing again resends the confirmation. */
    private static final String PENDING = "PendingConfirmation";

    private final SnsClient sns;

    public SdkTopicSubscriber(SnsClient sns) {
        this.sns = Objects.requireNonNull(sns, "sns");
    }

    @Override
    public TopicSubscriber.Outcome ensureSubscribed(String topicArn, String endpointUrl) {
        try {
            Optional<Subscription> existing = existing(topicArn, endpointUrl);
            if (existing.isPresent() && !PENDING.equals(existing.get().subscriptionArn())) {
                return new TopicSubscriber.Outcome.AlreadySubscribed(existing.get().subscriptionArn());
            }
            String arn = sns.subscribe(r -> r.topicArn(topicArn).protocol("https").endpoint(endpointUrl)
                    .returnSubscriptionArn(true)).subscriptionArn();
            return new TopicSubscriber.Outcome.Subscribed(arn);
        } catch (SdkException e) {
            return new TopicSubscriber.Outcome.Failed(e.getMessage());
        }
    }

    /**
     * Looks with ListSubscriptionsByTopic; a topic of another account (such as the AWS-owned ECS AMI
     * topic) refuses that to non-owners, so then the caller's own subscriptions are searched.
     */
    private Optional<Subscription> existing(String topicArn, String endpointUrl) {
        List<Subscription> candidates;
        try {
            candidates = sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn)).subscriptions().stream()
                    .toList();
        } catch (AuthorizationErrorException e) {
            candidates = sns.listSubscriptionsPaginator().subscriptions().stream()
                    .filter(s -> topicArn.equals(s.topicArn())).toList();
        }
        return candidates.stream().filter(s -> "https".equals(s.protocol()) && endpointUrl.equals(s.endpoint()))
                .findFirst();
    }
}
