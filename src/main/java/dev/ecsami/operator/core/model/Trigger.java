package dev.ecsami.operator.core.model;

/**
 * What started a rollout.
 *
 * @param kind   the channel
 * @param source who or what: an SNS message id, the name of an API token, a parameter name
 * @param detail free text shown to people, e.g. the announced release version
 */
public record Trigger(Kind kind, String source, String detail) {
    public enum Kind { SNS, SQS, HTTP, SSM_CHECK, STARTUP_CHECK }

    public Trigger {
        source = source == null ? "" : source;
        detail = detail == null ? "" : detail;
    }

    public String describe() {
        String base = kind.name().toLowerCase().replace('_', ' ') + (source.isEmpty() ? "" : " " + source);
        return detail.isEmpty() ? base : base + " (" + detail + ")";
    }
}
