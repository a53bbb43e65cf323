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

    /**
     * Whether a step in this phase counts against max-in-flight. A drain holds its slot until the
     * instance is drained, services are steady and its termination is asked for: from then on it
     * holds no task and, with surge, has given its extra capacity back. Without surge the slot is
     * held until the group's replacement serves, and with a bake time until the bake ends.
     */
    public boolean holdsSlot(RolloutPolicy policy) {
        return switch (this) {
            case DRAIN, WAIT_STEADY -> true;
            case TERMINATE -> !policy.surge() || !policy.bakeTime().isZero();
            case AWAIT_REPLACEMENT -> true;
            case BAKE -> !policy.bakeTime().isZero();
            case LAUNCH_REPLACEMENT, DONE, SKIPPED -> false;
        };
    }
}
