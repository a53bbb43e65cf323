package dev.ecsami.operator.sim;

/** Who or what terminated an instance, as the sim's log records it. */
public enum SimCause {
    /** TerminateInstanceInAutoScalingGroup from the operator. */
    OPERATOR,
    /** AZRebalance: launch in the short zone, then terminate in the largest, without a drain. */
    REBALANCE,
    /** A lower desired capacity: the group picks by termination policy, unprotected instances only. */
    SCALE_IN,
    /** Health check replacement: the group terminates an unhealthy instance and launches a new one. */
    HEALTH,
    /** A Spot interruption: two minutes of warning, then gone whatever its state. */
    SPOT
}
