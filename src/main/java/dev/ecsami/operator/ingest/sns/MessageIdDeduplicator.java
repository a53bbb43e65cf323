package dev.ecsami.operator.ingest.sns;

import dev.ecsami.operator.store.SharedKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers recently handled SNS MessageIds so a redelivery is recognised. Bounded in size (oldest
 * dropped first) and in time: an id is forgotten once {@code retention} has passed since it was
 * recorded. Replay protection is complete only while retention covers the verifier's timestamp
 * window on both sides, which {@link SnsGate} enforces. With replicas, the ids also go to the
 * shared store, so a message delivered to two replicas is handled once.
 */
public final class MessageIdDeduplicator {

    private final int maxEntries;
    private final Duration retention;
    private final Clock clock;
    private static final String KEY = "sns-message#";

    private final LinkedHashMap<String, Instant> recordedAt = new LinkedHashMap<>();
    private final Optional<SharedKeys> shared;

    public MessageIdDeduplicator(int maxEntries, Duration retention, Clock clock) {
        this(maxEntries, retention, clock, Optional.empty());
    }

    public MessageIdDeduplicator(int maxEntries, Duration retention, Clock clock, Optional<SharedKeys> shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
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
        // Another replica's sighting is not remembered here: if its handling fails and it forgets the
        // id, SNS's retry must pass on whichever replica it reaches.
        if (shared.isPresent() && !shared.get().putIfAbsent(KEY + messageId, "", now.plus(retention))) {
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
        shared.ifPresent(keys -> keys.remove(KEY + messageId));
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
