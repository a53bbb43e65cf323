package dev.ecsami.operator.core.model;

/** Life of a rollout. PLANNED waits for approval; the last three are final. */
public enum RolloutState {
    PLANNED, RUNNING, PAUSED, SUCCEEDED, FAILED, ABORTED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == ABORTED;
    }

    /** Holds the group: no second rollout may start beside it. */
    public boolean isActive() {
        return !isFinal();
    }
}
