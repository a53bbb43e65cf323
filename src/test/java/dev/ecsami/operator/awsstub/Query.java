package dev.ecsami.operator.awsstub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the flattened lists of a Query request: {@code Name.member.1}, {@code ImageId.1}, ... */
final class Query {
    private Query() {
    }

    /** The values of {@code prefix.1}, {@code prefix.2}, ... in order. */
    static List<String> list(Map<String, String> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int n = 1; form.containsKey(prefix + "." + n); n++) {
            values.add(form.get(prefix + "." + n));
        }
        return values;
    }
}
