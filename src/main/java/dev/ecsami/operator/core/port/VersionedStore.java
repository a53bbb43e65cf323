package dev.ecsami.operator.core.port;

import java.util.List;
import java.util.Optional;

/**
 * Where records that a restart (or another replica) must find live: rollouts, drains. Every write
 * is a compare-and-set: a write made from a copy that someone else has since changed, or by a
 * leader a newer one has fenced off, is refused with {@link Conflict}, and nothing of it is kept.
 *
 * @param <T> the record, which carries its own id
 */
public interface VersionedStore<T> {

    /**
     * Records a new one.
     *
     * @throws Conflict if its id is taken (a duplicate notification, a second start) or, for a
     *                  rollout, its group already has an active rollout
     */
    void create(T record);

    /**
     * Replaces {@code before}, as it was read, by {@code after}: atomically, a reader sees the old or
     * the new one, never a mix.
     *
     * @param fencingToken the writer's leader lease token, or 0 for a single process or a write that
     *                     records no AWS change; a write with a token lower than one already
     *                     recorded is refused
     * @throws Conflict if the stored record is no longer {@code before}, or the token is stale
     */
    void update(T before, T after, long fencingToken);

    Optional<T> find(String id);

    /** Every record, newest first. */
    List<T> all();

    /** The records still in progress. */
    List<T> active();

    /** A write lost a race: someone else changed the record first, or a newer leader fenced this one off. */
    final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}
