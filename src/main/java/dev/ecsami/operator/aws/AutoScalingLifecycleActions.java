package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.LifecycleActions;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/** Heartbeats and completes terminating lifecycle actions, naming each by its token and instance. */
public final class AutoScalingLifecycleActions implements LifecycleActions {
    private final AutoScalingClient asg;

    public AutoScalingLifecycleActions(AutoScalingClient asg) {
        this.asg = asg;
    }

    @Override
    public void heartbeat(String group, String hookName, String instanceId, String token) {
        AwsCalls.call("RecordLifecycleActionHeartbeat", () -> asg.recordLifecycleActionHeartbeat(r -> r
                .autoScalingGroupName(group).lifecycleHookName(hookName).instanceId(instanceId)
                .lifecycleActionToken(token)));
    }

    @Override
    public void complete(String group, String hookName, String instanceId, String token, String result) {
        AwsCalls.call("CompleteLifecycleAction", () -> asg.completeLifecycleAction(r -> r
                .autoScalingGroupName(group).lifecycleHookName(hookName).instanceId(instanceId)
                .lifecycleActionToken(token).lifecycleActionResult(result)));
    }
}
