package dev.ecsami.operator.core.drain;

import java.util.Objects;

/**
 * An instance about to leave, as a notification tells it: a terminating lifecycle action (with the
 * hook and its token) or a Spot warning (instance only; the group is found from the targets).
 */
public record DrainRequest(DrainRecord.Reason reason, String group, String instanceId, String hookName,
                           String token) {
    public DrainRequest {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(instanceId, "instanceId");
        group = group == null ? "" : group;
        hookName = hookName == null ? "" : hookName;
        token = token == null ? "" : token;
    }

    /** The same notification delivered twice names the same drain. */
    public String drainId() {
        return instanceId + "/" + (token.isEmpty() ? reason.name().toLowerCase() : token);
    }
}
