package dev.ecsami.operator.core.model;

import java.time.Instant;

/**
 * One line of a rollout's append-only history.
 *
 * @param instanceId the EC2 instance concerned, or empty for the rollout as a whole
 * @param actor      who caused it: "operator" for the engine, else a token name
 */
public record RolloutEvent(Instant at, Type type, String instanceId, String message, String actor) {
    public enum Type {
        CREATED, PREFLIGHT, STARTED, LAUNCH_SPEC_ROLLED, INSTANCE_STARTED, SURGE, REPLACEMENT_READY, DRAIN_STARTED, DRAINED,
        SERVICES_STEADY, TERMINATED, FORCED, BAKED, INSTANCE_DONE, INSTANCE_SKIPPED, REACTIVATED, CAPACITY_RESTORED,
        PAUSED, RESUMED, APPROVED, ABORTED, SUCCEEDED, FAILED, AWS_ERROR, PROCESSES_SUSPENDED, PROCESSES_RESUMED,
        REPLACED_BY_GROUP
    }

    public RolloutEvent {
        instanceId = instanceId == null ? "" : instanceId;
        actor = actor == null || actor.isEmpty() ? ENGINE : actor;
    }

    public static final String ENGINE = "operator";
}
