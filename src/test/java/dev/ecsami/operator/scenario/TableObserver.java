package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.port.RolloutStore;

import java.util.List;
import java.util.Optional;

/** The test's read-only view of the shared table, read once per step for the invariant checks. */
final class TableObserver implements RolloutStore {
    private final RolloutStore table;
    private List<Rollout> all;

    TableObserver(RolloutStore table) {
        this.table = table;
    }

    /**
     * One step of virtual time in a world with replicas: AWS moves, each live replica keeps its lease
     * and ticks, then the invariants are checked against the table as it is now.
     */
    static void step(World w, Replica... replicas) {
        w.clock.advance(World.STEP);
        w.aws.advance();
        for (Replica replica : replicas) {
            replica.step();
        }
        if (w.store instanceof TableObserver observer) {
            observer.refresh();
        }
        w.checkInvariants();
    }

    void refresh() {
        all = table.all();
    }

    @Override
    public void create(Rollout rollout) {
        throw new UnsupportedOperationException("the observer only reads");
    }

    @Override
    public void update(Rollout before, Rollout after, long fencingToken) {
        throw new UnsupportedOperationException("the observer only reads");
    }

    @Override
    public Optional<Rollout> find(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst().or(() -> table.find(id));
    }

    @Override
    public List<Rollout> all() {
        if (all == null) {
            refresh();
        }
        return all;
    }
}
