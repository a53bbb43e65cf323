package dev.ecsami.operator.store;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.port.DrainStore;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Drain records in memory: for the demo and tests; a restart forgets them. */
public final class InMemoryDrainStore implements DrainStore {
    private final ConcurrentHashMap<String, DrainRecord> drains = new ConcurrentHashMap<>();

    @Override
    public void saveDrain(DrainRecord drain) {
        drains.put(drain.id(), drain);
    }

    @Override
    public Optional<DrainRecord> findDrain(String id) {
        return Optional.ofNullable(drains.get(id));
    }

    @Override
    public List<DrainRecord> drains() {
        return drains.values().stream().sorted(Comparator.comparing(DrainRecord::startedAt).reversed()
                .thenComparing(DrainRecord::id)).toList();
    }
}
