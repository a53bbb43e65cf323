package dev.ecsami.operator.core.model;

/** What happens to an instance whose drain outlives the drain timeout. */
public enum OnDrainTimeout {
    /** Set the instance back to ACTIVE and pause the rollout. */
    PAUSE,
    /** Terminate it anyway, and record that it was forced. */
    FORCE
}
