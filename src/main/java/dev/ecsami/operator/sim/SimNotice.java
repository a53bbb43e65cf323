package dev.ecsami.operator.sim;

import java.time.Instant;

/**
 * A notification the simulated AWS sent: a terminating lifecycle hook's (with its action token) or
 * a Spot interruption warning (two minutes before the instance goes).
 */
public record SimNotice(Kind kind, String group, String instanceId, String hookName, String token, Instant at) {
    public enum Kind { TERMINATING_HOOK, SPOT_WARNING }
}
