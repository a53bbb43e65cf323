package dev.ecsami.operator.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ARNs of one kind of ECS resource per cluster, each with the key it is known by (a container
 * instance's EC2 instance id, a service's name), remembered between reads so that a read can
 * describe them without listing the cluster first. An ARN names one registration or one service
 * for its whole life, so a remembered ARN can only go stale by being gone, which the describe
 * call reports; what a remembered listing misses is what appeared since, hence {@link #next}.
 *
 * <p>Safe for concurrent reads: entries are immutable and replaced whole; two reads of one
 * cluster at once may both list it, and the last to finish is kept. At most {@link #CLUSTERS}
 * clusters are kept, the least recently read dropped first.
 */
final class ArnMemory {
    static final int CLUSTERS = 64;

    /** What a read does before it describes. */
    enum Step {
        /** List the cluster in full. */
        LIST,
        /** Look up the expected keys not known yet, and describe them with the known ARNs. */
        LOOK_UP,
        /** Describe the known ARNs. */
        REUSE
    }

    /**
     * One cluster's remembered ARNs, in the order they were described.
     *
     * @param listedAt   when the cluster was last listed in full
     * @param lookedUpAt when unknown keys were last looked up (a full listing counts)
     */
    record Known(Map<String, String> keyByArn, Instant listedAt, Instant lookedUpAt) {
        Known {
            keyByArn = Collections.unmodifiableMap(new LinkedHashMap<>(keyByArn));
        }

        List<String> arns() {
            return List.copyOf(keyByArn.keySet());
        }

        /** The expected keys no remembered ARN answers to. */
        Set<String> unknown(Set<String> expected) {
            Set<String> unknown = new HashSet<>(expected);
            unknown.removeAll(keyByArn.values());
            return unknown;
        }
    }

    private final Duration maxAge;
    private final Duration lookUpInterval;
    private final Map<String, Known> byCluster = Lru.map(CLUSTERS);

    /**
     * @param maxAge         a listing older than this is repeated, to find what appeared unannounced
     * @param lookUpInterval least time between two look-ups of unknown keys in one cluster
     */
    ArnMemory(Duration maxAge, Duration lookUpInterval) {
        this.maxAge = maxAge;
        this.lookUpInterval = lookUpInterval;
    }

    /** For resources that are never looked up one by one, only listed. */
    ArnMemory(Duration maxAge) {
        this(maxAge, maxAge);
    }

    Optional<Known> known(String cluster) {
        return Optional.ofNullable(byCluster.get(cluster));
    }

    /**
     * LIST when nothing is remembered or the listing has reached the max age; LOOK_UP when an
     * expected key is unknown and the last look-up is at least the interval old; else REUSE.
     */
    Step next(Optional<Known> known, Set<String> unknown, Instant now) {
        if (known.isEmpty() || !now.isBefore(known.get().listedAt().plus(maxAge))) {
            return Step.LIST;
        }
        if (!unknown.isEmpty() && !now.isBefore(known.get().lookedUpAt().plus(lookUpInterval))) {
            return Step.LOOK_UP;
        }
        return Step.REUSE;
    }

    void remember(String cluster, Known known) {
        byCluster.put(cluster, known);
    }

    /** The next read of the cluster lists it. */
    void forget(String cluster) {
        byCluster.remove(cluster);
    }
}
