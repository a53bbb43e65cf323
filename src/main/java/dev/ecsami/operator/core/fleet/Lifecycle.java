package dev.ecsami.operator.core.fleet;

/** The Auto Scaling lifecycle states that matter to a rollout. */
public enum Lifecycle {
    PENDING, IN_SERVICE, TERMINATING, TERMINATED, STANDBY, OTHER;

    public boolean isLeaving() {
        return this == TERMINATING || this == TERMINATED;
    }
}
