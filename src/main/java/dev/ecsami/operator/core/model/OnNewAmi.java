package dev.ecsami.operator.core.model;

/** What a target does when its AMI source resolves to a newer image. */
public enum OnNewAmi {
    /** Start a rollout at once. */
    ROLL,
    /** Plan a rollout that waits for an operator's approval. */
    APPROVE,
    /** Only tell people that the target is behind. */
    NOTIFY
}
