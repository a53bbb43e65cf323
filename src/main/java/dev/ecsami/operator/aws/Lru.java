package dev.ecsami.operator.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps that keep at most a given number of entries, dropping the least recently used; safe for concurrent use. */
final class Lru {
    private Lru() {
    }

    static <K, V> Map<K, V> map(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
