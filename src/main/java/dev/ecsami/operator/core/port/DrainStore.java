package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.drain.DrainRecord;

import java.util.List;
import java.util.Optional;

/**
 * Where drain records live, so a restart (or a new leader) resumes the drains in progress and their
 * heartbeats. Every write is a compare-and-set, as for rollouts: a refused write changes nothing.
 */
public interface DrainStore {

    /**
     * Records a drain that starts.
     *
     * @throws Conflict if a drain with its id is recorded already (a duplicate notification)
     */
    void createDrain(DrainRecord drain);

    /**
     * Replaces {@code before} with {@code after}.
     *
     * @param fencingToken the writer's leader lease token, or 0 with a single process; a write with a
     *                     token lower than one already recorded is refused
     * @throws Conflict if the stored record is no longer {@code before}, or the token is stale
     */
    void updateDrain(DrainRecord before, DrainRecord after, long fencingToken);

    Optional<DrainRecord> findDrain(String id);

    /** Every record, newest start first. */
    List<DrainRecord> drains();

    /** The records still DRAINING. */
    default List<DrainRecord> activeDrains() {
        return drains().stream().filter(d -> !d.state().ended()).toList();
    }

    /** A write lost a race: the record is taken or was changed first, or a newer leader fenced this one off. */
    final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}
