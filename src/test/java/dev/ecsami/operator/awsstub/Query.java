package dev.ecsami.operator.awsstub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the flattened lists of a Query request: {@code Name.member.1}, {@code ImageId.1}, ... */
final class Query {
    private Query() {
    }

    /** One page of a paginated answer; the next token is the offset of the next page. */
    record Page<T>(List<T> items, String nextToken) {
        String nextTokenXml() {
            return nextToken == null ? "" : Xml.el("NextToken", nextToken);
        }
    }

    /** The values of {@code prefix.1}, {@code prefix.2}, ... in order. */
    static List<String> list(Map<String, String> form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int n = 1; form.containsKey(prefix + "." + n); n++) {
            values.add(form.get(prefix + "." + n));
        }
        return values;
    }

    /** The page that MaxRecords (or the call's default) and NextToken ask for. */
    static <T> Page<T> page(Map<String, String> form, List<T> all, int defaultSize) {
        return page(all, form.get("NextToken"), form.containsKey("MaxRecords")
                ? Integer.parseInt(form.get("MaxRecords")) : defaultSize);
    }

    static <T> Page<T> page(List<T> all, String token, int size) {
        int from = token == null || token.isEmpty() ? 0 : Integer.parseInt(token);
        int to = Math.min(all.size(), from + size);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? Integer.toString(to) : null);
    }
}
