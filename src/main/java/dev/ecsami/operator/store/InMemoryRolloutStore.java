package dev.ecsami.operator.store;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.port.RolloutStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rollouts in memory only: for the demo and for tests that do not restart. The file store keeps its
 * copy of the directory here too, and writes each rollout to disk before it is {@linkplain #save saved}.
 */
public class InMemoryRolloutStore implements RolloutStore {
    private final Map<String, Rollout> rollouts = new LinkedHashMap<>();

    @Override
    public synchronized void create(Rollout rollout) {
        LocalWrites.checkCreate(rollouts, rollout);
        save(rollout);
    }

    /** One process: the fencing token has nothing to fence. */
    @Override
    public synchronized void update(Rollout before, Rollout after, long fencingToken) {
        LocalWrites.checkUpdate(rollouts, before, after);
        save(after);
    }

    /** Keeps a rollout that passed the checks of a create or an update; called under this store's lock. */
    protected void save(Rollout rollout) {
        rollouts.put(rollout.id(), rollout);
    }

    /** Drops a rollout; called under this store's lock. */
    protected void forget(String id) {
        rollouts.remove(id);
    }

    /** The rollouts in the order they were first saved. */
    protected synchronized List<Rollout> inSaveOrder() {
        return List.copyOf(rollouts.values());
    }

    @Override
    public synchronized Optional<Rollout> find(String id) {
        return Optional.ofNullable(rollouts.get(id));
    }

    @Override
    public synchronized List<Rollout> all() {
        List<Rollout> list = new ArrayList<>(rollouts.values());
        list.sort(Rollout.NEWEST_FIRST);
        return list;
    }
}
