package dev.ecsami.operator.core.port;

/** The Auto Scaling lifecycle actions an instance waits on in Terminating:Wait. */
public interface LifecycleActions {

    /**
     * RecordLifecycleActionHeartbeat: the hook waits another heartbeat timeout.
     *
     * @throws ExternalCallFailed with code "ValidationError" when no such action is pending (it expired or completed)
     */
    void heartbeat(String group, String hookName, String instanceId, String token);

    /**
     * CompleteLifecycleAction with CONTINUE or ABANDON.
     *
     * @throws ExternalCallFailed with code "ValidationError" when no such action is pending (it expired or completed)
     */
    void complete(String group, String hookName, String instanceId, String token, String result);
}
