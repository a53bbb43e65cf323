package dev.ecsami.operator.core.drain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * The same notification delivered twice names the same drain. The id is shown (API, logs, file
     * names), so it carries a digest of the token, never the token, which completes the action.
     */
    public String drainId() {
        return instanceId + "/" + (token.isEmpty() ? reason.name().toLowerCase() : "action-" + digest(token));
    }

    /** The token stays out of the text form: whoever holds it can complete the lifecycle action. */
    @Override
    public String toString() {
        return "DrainRequest[" + reason + " " + instanceId + (group.isEmpty() ? "" : " of " + group)
                + (hookName.isEmpty() ? "" : " hook " + hookName) + "]";
    }

    static String digest(String token) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
