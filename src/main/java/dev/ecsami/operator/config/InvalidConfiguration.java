package dev.ecsami.operator.config;

import java.util.List;

/** Configuration that cannot work; start-up stops with one line per problem, each naming its key. */
public final class InvalidConfiguration extends RuntimeException {
    private final List<String> problems;

    public InvalidConfiguration(List<String> problems) {
        super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
