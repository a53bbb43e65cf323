package dev.ecsami.operator.store;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.port.RolloutStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rollouts in memory only: for the demo and for tests that do not restart. */
public final class InMemoryRolloutStore implements RolloutStore {
    private final Map<String, Rollout> rollouts = new LinkedHashMap<>();

    @Override
    public synchronized void create(Rollout rollout) {
        LocalWrites.checkCreate(rollouts, rollout);
        rollouts.put(rollout.id(), rollout);
    }

    /** One process: the fencing token has nothing to fence. */
    @Override
    public synchronized void update(Rollout before, Rollout after, long fencingToken) {
        LocalWrites.checkUpdate(rollouts, before, after);
        rollouts.put(after.id(), after);
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
