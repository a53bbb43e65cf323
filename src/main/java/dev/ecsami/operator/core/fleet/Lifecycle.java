package dev.ecsami.operator.core.fleet;

/**
 * The Auto Scaling lifecycle states that matter to a rollout.
 *
 * <p>{@code TERMINATING_WAIT} is {@code Terminating:Wait}: a terminating lifecycle hook holds the
 * instance until the hook is completed or its heartbeat timeout runs out. It no longer serves.
 */
public enum Lifecycle {
    PENDING, IN_SERVICE, TERMINATING, TERMINATING_WAIT, TERMINATED, STANDBY, OTHER;

    public boolean isLeaving() {
        return this == TERMINATING || this == TERMINATING_WAIT || this == TERMINATED;
    }
}
