package dev.ecsami.operator.ingest.sns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers recently handled SNS MessageIds so a redelivery is recognised. Bounded in size (oldest
 * dropped first) and in time: an id is forgotten once {@code retention} has passed since it was
 * recorded. Replay protection is complete only while retention covers the verifier's timestamp
 * window on both sides, which {@link SnsIngest} enforces.
 */
public final class MessageIdDeduplicator {

    private final int maxEntries;
    private final Duration retention;
    private final Clock clock;
    private final LinkedHashMap<String, Instant> recordedAt = new LinkedHashMap<>();

    public MessageIdDeduplicator(int maxEntries, Duration retention, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive but was " + maxEntries);
        }
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive but was " + retention);
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records the id and returns true if it was not seen within the retention period; returns false
     * (and changes nothing) for a repeat. Atomic, so of two concurrent deliveries only one wins.
     */
    public synchronized boolean markFirstSighting(String messageId) {
        Instant now = clock.instant();
        evictExpired(now);
        if (recordedAt.containsKey(messageId)) {
            return false;
        }
        recordedAt.put(messageId, now);
        if (recordedAt.size() > maxEntries) {
            Iterator<String> oldest = recordedAt.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** Forgets an id, e.g. when handling failed after it was marked, so that SNS's retry is accepted. */
    public synchronized void forget(String messageId) {
        recordedAt.remove(messageId);
    }

    public synchronized int size() {
        evictExpired(clock.instant());
        return recordedAt.size();
    }

    public Duration retention() {
        return retention;
    }

    private void evictExpired(Instant now) {
        Instant cutoff = now.minus(retention);
        Iterator<Map.Entry<String, Instant>> oldestFirst = recordedAt.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            if (oldestFirst.next().getValue().isAfter(cutoff)) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
