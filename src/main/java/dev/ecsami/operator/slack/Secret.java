package dev.ecsami.operator.slack;

import java.util.Objects;

/**
 * A value that must never reach a log, an exception or a metric: the bot token or the webhook URL
 * (whose path is itself the credential). {@link #toString()} hides it; only the HTTP layer calls
 * {@link #reveal()}.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "***";
    }
}
