package dev.ecsami.operator.core.model;

/**
 * Where one old instance is on its way out. With surge the order is LAUNCH_REPLACEMENT, DRAIN,
 * WAIT_STEADY, TERMINATE, BAKE, DONE; without surge the replacement is awaited after TERMINATE.
 */
public enum StepPhase {
    LAUNCH_REPLACEMENT, DRAIN, WAIT_STEADY, TERMINATE, AWAIT_REPLACEMENT, BAKE, DONE, SKIPPED;

    public boolean isFinished() {
        return this == DONE || this == SKIPPED;
    }

    /** The instance no longer serves: it is draining, drained or on its way to termination. */
    public boolean isOutOfService() {
        return this == DRAIN || this == WAIT_STEADY || this == TERMINATE;
    }
}
