package dev.ecsami.operator.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.drain.DrainRequest;
import dev.ecsami.operator.ingest.SubscriptionConfirmer.PendingSubscription;
import dev.ecsami.operator.ingest.ami.AmiAnnouncement;
import dev.ecsami.operator.ingest.ami.AmiAnnouncementParser;
import dev.ecsami.operator.ingest.json.Parsed;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;

/**
 * What an opened message is, decided from its envelope and content alone (no I/O, no policy): an ECS
 * AMI announcement, a terminating lifecycle action (the hook's own notification or EventBridge's
 * {@code EC2 Instance-terminate Lifecycle Action}), a Spot interruption warning, a rebalance
 * recommendation, an Auto Scaling test notification, or SNS's own subscription messages.
 */
public sealed interface MessageKind {

    String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";

    /** Which stream of work a kind belongs to; a source takes only the feeds it is configured for. */
    enum Feed { AMI, LIFECYCLE, SUBSCRIPTION }

    record Announcement(AmiAnnouncement announcement) implements MessageKind {
    }

    record LifecycleAction(DrainRequest request) implements MessageKind {
    }

    record SpotWarning(DrainRequest request) implements MessageKind {
    }

    record RebalanceRecommendation(DrainRequest request) implements MessageKind {
    }

    record TestNotification() implements MessageKind {
    }

    record SubscriptionConfirmation(PendingSubscription pending) implements MessageKind {
    }

    record UnsubscribeConfirmation(String topicArn) implements MessageKind {
    }

    /** Of its feed but unusable (e.g. an announcement that does not parse); acknowledged, never retried. */
    record Unreadable(Feed feed, String why) implements MessageKind {
    }

    default Feed feed() {
        if (this instanceof Announcement) {
            return Feed.AMI;
        }
        if (this instanceof SubscriptionConfirmation || this instanceof UnsubscribeConfirmation) {
            return Feed.SUBSCRIPTION;
        }
        return Feed.LIFECYCLE;
    }

    static MessageKind of(ObjectMapper json, Envelope envelope) {
        if (envelope instanceof Envelope.Sns sns) {
            return of(json, sns.envelope());
        }
        if (envelope instanceof Envelope.EventBridge event) {
            return ofEvent(event.detailType(), event.detail());
        }
        return ofText(json, ((Envelope.Raw) envelope).body());
    }

    static MessageKind of(ObjectMapper json, SnsEnvelope envelope) {
        return switch (envelope.type()) {
            case NOTIFICATION -> ofText(json, envelope.message());
            case SUBSCRIPTION_CONFIRMATION -> new SubscriptionConfirmation(new PendingSubscription(
                    envelope.topicArn(), envelope.token().orElseThrow(), envelope.subscribeUrl().orElseThrow()));
            case UNSUBSCRIBE_CONFIRMATION -> new UnsubscribeConfirmation(envelope.topicArn());
        };
    }

    /** A message body: an Auto Scaling notification, an EventBridge event, or else an AMI announcement. */
    static MessageKind ofText(ObjectMapper json, String text) {
        JsonNode root = Envelope.Json.read(json, text);
        if (root.path("Event").asText("").equals("autoscaling:TEST_NOTIFICATION")) {
            return new TestNotification();
        }
        if (root.has("LifecycleTransition")) {
            return lifecycleAction(root);
        }
        if (root.path("detail-type").isTextual()) {
            return ofEvent(root.path("detail-type").textValue(), root.path("detail"));
        }
        Parsed<AmiAnnouncement> parsed = AmiAnnouncementParser.parse(text);
        if (parsed instanceof Parsed.Invalid<AmiAnnouncement> invalid) {
            return new Unreadable(Feed.AMI, "not an ECS AMI announcement: " + invalid.detail());
        }
        return new Announcement(((Parsed.Ok<AmiAnnouncement>) parsed).value());
    }

    private static MessageKind ofEvent(String detailType, JsonNode detail) {
        return switch (detailType) {
            case "EC2 Instance-terminate Lifecycle Action" -> lifecycleAction(detail);
            case "EC2 Spot Instance Interruption Warning" -> leaving(detail, DrainRecord.Reason.SPOT_INTERRUPTION);
            case "EC2 Instance Rebalance Recommendation" -> leaving(detail, DrainRecord.Reason.REBALANCE_RECOMMENDATION);
            default -> new Unreadable(Feed.LIFECYCLE, "EventBridge event '" + detailType + "' is not one the"
                    + " operator acts on");
        };
    }

    private static MessageKind lifecycleAction(JsonNode n) {
        if (!TERMINATING.equals(n.path("LifecycleTransition").asText(""))) {
            return new Unreadable(Feed.LIFECYCLE, "lifecycle transition " + n.path("LifecycleTransition")
                    .asText("(none)") + " is not " + TERMINATING);
        }
        String instance = n.path("EC2InstanceId").asText("");
        String group = n.path("AutoScalingGroupName").asText("");
        String hook = n.path("LifecycleHookName").asText("");
        String token = n.path("LifecycleActionToken").asText("");
        if (instance.isEmpty() || group.isEmpty() || hook.isEmpty() || token.isEmpty()) {
            return new Unreadable(Feed.LIFECYCLE, "lifecycle action without EC2InstanceId, AutoScalingGroupName,"
                    + " LifecycleHookName or LifecycleActionToken");
        }
        return new LifecycleAction(new DrainRequest(DrainRecord.Reason.SCALE_IN, group, instance, hook, token));
    }

    private static MessageKind leaving(JsonNode detail, DrainRecord.Reason reason) {
        String instance = detail.path("instance-id").asText("");
        if (instance.isEmpty()) {
            return new Unreadable(Feed.LIFECYCLE, reason + " without detail.instance-id");
        }
        DrainRequest request = new DrainRequest(reason, "", instance, "", "");
        return reason == DrainRecord.Reason.SPOT_INTERRUPTION ? new SpotWarning(request)
                : new RebalanceRecommendation(request);
    }
}
