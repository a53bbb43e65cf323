package dev.ecsami.operator.core.drain;

/** A change a drain asks of AWS; the runner applies them in order. */
public sealed interface DrainMutation {

    /** Sets the container instance DRAINING so ECS moves its tasks. */
    record SetDraining(String cluster, String containerInstanceArn) implements DrainMutation {
    }

    /** Sets the container instance back to ACTIVE (drain timeout with the PAUSE policy). */
    record SetActive(String cluster, String containerInstanceArn) implements DrainMutation {
    }

    /** RecordLifecycleActionHeartbeat: the hook waits another heartbeat timeout. */
    record Heartbeat(String group, String hookName, String instanceId, String token) implements DrainMutation {
    }

    /** CompleteLifecycleAction with CONTINUE or ABANDON: the instance goes on terminating. */
    record Complete(String group, String hookName, String instanceId, String token, String result)
            implements DrainMutation {
    }
}
