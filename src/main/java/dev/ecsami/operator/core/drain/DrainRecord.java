package dev.ecsami.operator.core.drain;

import java.time.Instant;
import java.util.Objects;

/**
 * One drain of a container instance that is leaving outside a rollout: a scale-in held by a
 * terminating lifecycle hook, or a Spot warning. Persisted so a restart resumes its heartbeats; the
 * timeout is measured from {@code startedAt}.
 *
 * @param hookName   the lifecycle hook to heartbeat and complete; empty for a Spot warning
 * @param token      the lifecycle action token from the notification; empty for a Spot warning
 * @param endedAt    when it reached an end state; null while draining
 */
public record DrainRecord(String id, String target, String group, String cluster, String instanceId, Reason reason,
                          String hookName, String token, Instant startedAt, Instant lastHeartbeatAt, State state,
                          String detail, Instant endedAt) {

    /** Why the instance leaves. */
    public enum Reason { SCALE_IN, SPOT_INTERRUPTION, REBALANCE_RECOMMENDATION }

    /** Where the drain stands; every state but DRAINING is an end. */
    public enum State {
        DRAINING,
        /** The tasks left; the hook was completed with CONTINUE. */
        COMPLETED,
        /** The drain outlived the drain timeout; {@code detail} says what was done. */
        TIMED_OUT,
        /** Released at once: not registered in ECS, or a group no target configures. */
        RELEASED,
        /** ECS managed draining drains the group's instances; the operator stepped aside. */
        STEPPED_ASIDE,
        /** The instance went before the tasks left (a Spot interruption, or the hook expired). */
        LOST;

        public boolean ended() {
            return this != DRAINING;
        }
    }

    public DrainRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(state, "state");
        target = target == null ? "" : target;
        group = group == null ? "" : group;
        cluster = cluster == null ? "" : cluster;
        hookName = hookName == null ? "" : hookName;
        token = token == null ? "" : token;
        detail = detail == null ? "" : detail;
        lastHeartbeatAt = lastHeartbeatAt == null ? startedAt : lastHeartbeatAt;
    }

    public boolean holdsHook() {
        return !hookName.isEmpty() && !token.isEmpty();
    }

    public DrainRecord heartbeatAt(Instant at) {
        return new DrainRecord(id, target, group, cluster, instanceId, reason, hookName, token, startedAt, at, state,
                detail, endedAt);
    }

    public DrainRecord end(State to, String why, Instant at) {
        return new DrainRecord(id, target, group, cluster, instanceId, reason, hookName, token, startedAt,
                lastHeartbeatAt, to, why, at);
    }
}
