package dev.ecsami.operator.core.model;

import java.util.Objects;

/** The null checks of a record's compact constructor, as one table: each field's name, then its value. */
public final class Require {
    private Require() {
    }

    /**
     * @param namesAndValues a field's name followed by its value, for each field that must be set
     * @throws NullPointerException naming the first field that is null
     */
    public static void nonNull(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Objects.requireNonNull(namesAndValues[i + 1], (String) namesAndValues[i]);
        }
    }
}
