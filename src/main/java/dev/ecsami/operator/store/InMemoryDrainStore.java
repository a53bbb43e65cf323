package dev.ecsami.operator.store;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.port.DrainStore;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Drain records in memory: for the demo and tests; a restart forgets them. */
public final class InMemoryDrainStore implements DrainStore {
    private final ConcurrentHashMap<String, DrainRecord> drains = new ConcurrentHashMap<>();

    @Override
    public void createDrain(DrainRecord drain) {
        if (drains.putIfAbsent(drain.id(), drain) != null) {
            throw new Conflict("drain " + drain.id() + " is recorded already");
        }
    }

    @Override
    public void updateDrain(DrainRecord before, DrainRecord after, long fencingToken) {
        if (!drains.replace(before.id(), before, after)) {
            throw new Conflict("drain " + before.id() + " was changed since it was read");
        }
    }

    @Override
    public Optional<DrainRecord> findDrain(String id) {
        return Optional.ofNullable(drains.get(id));
    }

    @Override
    public List<DrainRecord> drains() {
        return drains.values().stream().sorted(DrainRecord.NEWEST_FIRST).toList();
    }
}
