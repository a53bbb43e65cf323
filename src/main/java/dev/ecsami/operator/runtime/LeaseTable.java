package dev.ecsami.operator.runtime;

import java.time.Instant;
import java.util.Optional;

/** Where the leader lease is kept: one record that every replica reads and writes conditionally. */
public interface LeaseTable {

    /**
     * @param holder    the replica that holds it
     * @param token     the fencing token: never goes down, goes up with every takeover
     * @param version   goes up with every write, renewals included: what "the lease changed" means
     * @param expiresAt the holder's wall-clock idea of the end, for people; no replica decides on it
     */
    record Lease(String holder, long token, long version, Instant expiresAt) {
    }

    /** The lease as stored now (a strongly consistent read), or empty when none was ever taken. */
    Optional<Lease> read();

    /**
     * Writes {@code next} if the stored lease is still {@code expected} (by version), or absent
     * when {@code expected} is empty. Returns false, writing nothing, when it is not.
     */
    boolean replace(Optional<Lease> expected, Lease next);
}
