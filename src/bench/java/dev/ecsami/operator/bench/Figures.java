package dev.ecsami.operator.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of one benchmark run, in the order they were measured, printed as one BENCH line. */
final class Figures {
    private final Map<String, String> values = new LinkedHashMap<>();

    void put(String key, double value) {
        values.put(key, String.format(Locale.ROOT, value == Math.rint(value) && Math.abs(value) < 1e12
                ? "%.0f" : "%.3f", value));
    }

    void put(String key, String value) {
        values.put(key, value);
    }

    String benchLine() {
        return "BENCH " + values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    static void print(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
