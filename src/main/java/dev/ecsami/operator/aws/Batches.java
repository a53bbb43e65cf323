package dev.ecsami.operator.aws;

import java.util.ArrayList;
import java.util.List;

/** Splits a list into consecutive slices of at most {@code size} elements, for APIs that cap their input. */
final class Batches {
    private Batches() {
    }

    static <T> List<List<T>> of(List<T> items, int size) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            batches.add(List.copyOf(items.subList(from, Math.min(items.size(), from + size))));
        }
        return batches;
    }
}
