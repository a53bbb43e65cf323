package dev.ecsami.operator.core.drain;

import dev.ecsami.operator.core.model.Require;
import java.time.Instant;
import java.util.Comparator;

/**
 * One drain of a container instance that is leaving outside a rollout: a scale-in held by a
 * terminating lifecycle hook, or a Spot warning. Persisted so a restart resumes its heartbeats; the
 * timeout is measured from {@code startedAt}.
 *
 * @param hookName   the lifecycle hook to heartbeat and complete; empty for a Spot warning
 * @param token      the lifecycle action token from the notification; empty for a Spot warning
 * @param heartbeats how many RecordLifecycleActionHeartbeat calls kept the hook open
 * @param endedAt    when it reached an end state; null while draining
 */
public record DrainRecord(String id, String target, String group, String cluster, String instanceId, Reason reason,
                          String hookName, String token, Instant startedAt, Instant lastHeartbeatAt, int heartbeats,
                          State state, String detail, Instant endedAt) {
    /** The order of every listing: newest first, the id breaking ties. */
    public static final Comparator<DrainRecord> NEWEST_FIRST = Comparator.comparing(DrainRecord::startedAt).reversed()
            .thenComparing(DrainRecord::id);

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
        Require.nonNull("id", id, "instanceId", instanceId, "reason", reason, "startedAt", startedAt, "state", state);
        target = target == null ? "" : target;
        group = group == null ? "" : group;
        cluster = cluster == null ? "" : cluster;
        hookName = hookName == null ? "" : hookName;
        token = token == null ? "" : token;
        detail = detail == null ? "" : detail;
        lastHeartbeatAt = lastHeartbeatAt == null ? startedAt : lastHeartbeatAt;
    }

    /** The token stays out of the text form: whoever holds it can complete the lifecycle action. */
    @Override
    public String toString() {
        return "DrainRecord[" + id + " " + reason + " " + instanceId + " of " + group + " " + state
                + (detail.isEmpty() ? "" : ": " + detail) + "]";
    }

    /** {@code text} with the lifecycle action token blanked out, e.g. an AWS error message that quotes it. */
    public String redacted(String text) {
        return token.isEmpty() || text == null ? text : text.replace(token, "<lifecycle action token>");
    }

    public boolean holdsHook() {
        return !hookName.isEmpty() && !token.isEmpty();
    }

    /** The record after one more heartbeat, sent at {@code at}. */
    public DrainRecord heartbeatAt(Instant at) {
        return new DrainRecord(id, target, group, cluster, instanceId, reason, hookName, token, startedAt, at,
                heartbeats + 1, state, detail, endedAt);
    }

    public DrainRecord end(State to, String why, Instant at) {
        return new DrainRecord(id, target, group, cluster, instanceId, reason, hookName, token, startedAt,
                lastHeartbeatAt, heartbeats, to, why, at);
    }
}
