package dev.ecsami.operator.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.drain.DrainRequest;

import java.util.Optional;

/**
 * Reads the messages about leaving instances from a queue body: a terminating lifecycle hook's own
 * notification, the same in EventBridge's form ({@code EC2 Instance-terminate Lifecycle Action}),
 * {@code autoscaling:TEST_NOTIFICATION}, and EventBridge's Spot interruption warning and rebalance
 * recommendation. Anything else is not a lifecycle message (it may be an AMI announcement).
 */
public final class LifecycleMessages {
    static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A lifecycle message: a drain to start, or one to acknowledge and ignore. */
    public sealed interface Message {
        record Drain(DrainRequest request) implements Message {
        }

        record Ignore(String why) implements Message {
        }
    }

    private final boolean drainOnRebalance;

    public LifecycleMessages(boolean drainOnRebalance) {
        this.drainOnRebalance = drainOnRebalance;
    }

    /** The lifecycle message in the body, or empty when the body is not one. */
    public Optional<Message> read(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        if (root.path("Event").asText("").equals("autoscaling:TEST_NOTIFICATION")) {
            return Optional.of(new Message.Ignore("Auto Scaling test notification"));
        }
        if (root.has("LifecycleTransition")) {
            return Optional.of(hook(root));
        }
        String detailType = root.path("detail-type").asText("");
        JsonNode detail = root.path("detail");
        return switch (detailType) {
            case "EC2 Instance-terminate Lifecycle Action" -> Optional.of(hook(detail));
            case "EC2 Spot Instance Interruption Warning" -> Optional.of(spot(detail,
                    DrainRecord.Reason.SPOT_INTERRUPTION));
            case "EC2 Instance Rebalance Recommendation" -> Optional.of(drainOnRebalance
                    ? spot(detail, DrainRecord.Reason.REBALANCE_RECOMMENDATION)
                    : new Message.Ignore("rebalance recommendation (operator.lifecycle.drain-on-rebalance-recommendation"
                    + " is off)"));
            default -> Optional.empty();
        };
    }

    private static Message hook(JsonNode n) {
        if (!TERMINATING.equals(n.path("LifecycleTransition").asText(""))) {
            return new Message.Ignore("lifecycle transition " + n.path("LifecycleTransition").asText("(none)")
                    + " is not " + TERMINATING);
        }
        String instance = n.path("EC2InstanceId").asText("");
        String group = n.path("AutoScalingGroupName").asText("");
        String hook = n.path("LifecycleHookName").asText("");
        String token = n.path("LifecycleActionToken").asText("");
        if (instance.isEmpty() || group.isEmpty() || hook.isEmpty() || token.isEmpty()) {
            return new Message.Ignore("lifecycle action without EC2InstanceId, AutoScalingGroupName,"
                    + " LifecycleHookName or LifecycleActionToken");
        }
        return new Message.Drain(new DrainRequest(DrainRecord.Reason.SCALE_IN, group, instance, hook, token));
    }

    private static Message spot(JsonNode detail, DrainRecord.Reason reason) {
        String instance = detail.path("instance-id").asText("");
        return instance.isEmpty() ? new Message.Ignore(reason + " without detail.instance-id")
                : new Message.Drain(new DrainRequest(reason, "", instance, "", ""));
    }
}
