package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.drain.DrainRecord;

import java.util.List;
import java.util.Optional;

/** Where drain records live, so a restart resumes the drains in progress and their heartbeats. */
public interface DrainStore {

    /** Creates or replaces the record with its id. */
    void saveDrain(DrainRecord drain);

    Optional<DrainRecord> findDrain(String id);

    /** Every record, newest start first. */
    List<DrainRecord> drains();

    /** The records still DRAINING. */
    default List<DrainRecord> activeDrains() {
        return drains().stream().filter(d -> !d.state().ended()).toList();
    }
}
