package dev.ecsami.operator.store;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.port.DrainStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drain records in memory: for the demo and tests; a restart forgets them. The file store keeps its
 * copy of the directory here too, and writes each record to disk before it is {@linkplain #save saved}.
 */
public class InMemoryDrainStore implements DrainStore {
    private final Map<String, DrainRecord> drains = new ConcurrentHashMap<>();

    @Override
    public synchronized void create(DrainRecord drain) {
        if (drains.containsKey(drain.id())) {
            throw new Conflict("drain " + drain.id() + " is recorded already");
        }
        save(drain);
    }

    /** One process: the fencing token has nothing to fence. */
    @Override
    public synchronized void update(DrainRecord before, DrainRecord after, long fencingToken) {
        if (!before.equals(drains.get(before.id()))) {
            throw new Conflict("drain " + before.id() + " was changed since it was read");
        }
        save(after);
    }

    /** Keeps a record that passed the checks of a create or an update; called under this store's lock. */
    protected void save(DrainRecord drain) {
        drains.put(drain.id(), drain);
    }

    /** Drops a record; called under this store's lock. */
    protected void forget(String id) {
        drains.remove(id);
    }

    @Override
    public Optional<DrainRecord> find(String id) {
        return Optional.ofNullable(drains.get(id));
    }

    @Override
    public List<DrainRecord> all() {
        return drains.values().stream().sorted(DrainRecord.NEWEST_FIRST).toList();
    }
}
