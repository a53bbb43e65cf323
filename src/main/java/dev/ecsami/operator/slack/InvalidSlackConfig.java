package dev.ecsami.operator.slack;

import java.util.List;

/** The operator.slack.* settings do not fit together. The message names each key; it never holds a secret. */
public final class InvalidSlackConfig extends IllegalArgumentException {
    private final List<String> problems;

    InvalidSlackConfig(List<String> problems) {
        super("Invalid Slack configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
