package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.drain.DrainRecord;

import java.util.List;

/**
 * Where drain records live, so a restart (or a new leader) resumes the drains in progress and their
 * heartbeats; newest start first.
 */
public interface DrainStore extends VersionedStore<DrainRecord> {

    /** The records still DRAINING. */
    @Override
    default List<DrainRecord> active() {
        return all().stream().filter(d -> !d.state().ended()).toList();
    }
}
