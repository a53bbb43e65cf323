package dev.ecsami.operator.ingest;

import dev.ecsami.operator.core.model.Require;
import dev.ecsami.operator.core.model.Trigger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/** The most recently handled messages, newest last; for status pages and tests. */
public final class IngestJournal {

    public record Entry(Instant at, Trigger.Kind channel, String messageId, Handled result) {
        public Entry {
            Require.nonNull("at", at, "channel", channel, "messageId", messageId, "result", result);
        }
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();

    public IngestJournal(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive but was " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized void record(Entry entry) {
        entries.addLast(Objects.requireNonNull(entry, "entry"));
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<Entry> entriesFor(String messageId) {
        return entries().stream().filter(e -> e.messageId().equals(messageId)).toList();
    }
}
