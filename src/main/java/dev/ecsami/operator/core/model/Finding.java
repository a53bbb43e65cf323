package dev.ecsami.operator.core.model;

/** A pre-flight observation. A BLOCKER stops the rollout before its first mutation. */
public record Finding(Severity severity, Code code, String message) {
    public enum Severity { INFO, WARNING, BLOCKER }

    public enum Code {
        NOTHING_TO_REPLACE,
        SERVICE_CANNOT_DRAIN,
        INSUFFICIENT_SPARE_CAPACITY,
        MAX_SIZE_RAISED,
        MAX_SIZE_NOT_RAISABLE,
        UNREGISTERED_INSTANCES,
        NO_REGISTERED_INSTANCES,
        AGENT_DISCONNECTED,
        SUSPENDED_PROCESSES,
        STANDALONE_TASKS,
        SCALING_POLICIES,
        SCHEDULED_ACTIONS,
        CAPACITY_PROVIDER,
        LIFECYCLE_HOOKS,
        WEIGHTED_CAPACITY,
        STANDBY_INSTANCES,
        PROTECTED_INSTANCES,
        SHARED_LAUNCH_TEMPLATE
    }

    public boolean blocks() {
        return severity == Severity.BLOCKER;
    }

    public static Finding blocker(Code code, String message) {
        return new Finding(Severity.BLOCKER, code, message);
    }

    public static Finding warning(Code code, String message) {
        return new Finding(Severity.WARNING, code, message);
    }

    public static Finding info(Code code, String message) {
        return new Finding(Severity.INFO, code, message);
    }
}
