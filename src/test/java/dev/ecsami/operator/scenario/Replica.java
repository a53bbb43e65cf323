package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.LeaderLease;
import dev.ecsami.operator.runtime.Overrides;
import dev.ecsami.operator.runtime.RetryPolicy;
import dev.ecsami.operator.runtime.RolloutCommands;
import dev.ecsami.operator.runtime.RolloutRunner;
import dev.ecsami.operator.store.dynamo.DynamoLeaseTable;
import dev.ecsami.operator.store.dynamo.DynamoRolloutStore;
import dev.ecsami.operator.store.dynamo.DynamoTable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * One operator process of a two-replica set-up in a {@link World}: its own store client, lease,
 * runner and commands over the shared table and the shared simulated AWS. Its monotonic clock
 * follows virtual time from an origin of its own, and its wall clock is off by {@code skew}.
 */
final class Replica {
    static final Duration LEASE = Duration.ofSeconds(20);
    static final Duration RENEW = World.STEP;

    final String id;
    final LeaderLease lease;
    final RolloutStore store;
    final RolloutRunner runner;
    final RolloutCommands commands;
    private boolean alive = true;
    private int tickFailures;

    Replica(String id, World w, DynamoTable table, Duration skew, long monotonicOrigin,
            Function<FleetPorts, FleetPorts> ports, UnaryOperator<RolloutStore> storeWrapper) {
        this(id, w, table, skew, monotonicOrigin, ports, storeWrapper, (r, e) -> w.notifier.rolloutChanged(r, e));
    }

    /** As above, telling {@code notifier} of the rollouts' changes, as a process tells its own Slack bot. */
    Replica(String id, World w, DynamoTable table, Duration skew, long monotonicOrigin,
            Function<FleetPorts, FleetPorts> ports, UnaryOperator<RolloutStore> storeWrapper, Notifier notifier) {
        this.id = id;
        Instant start = w.clock.instant();
        this.lease = new LeaderLease(id, new DynamoLeaseTable(table), LEASE, RENEW, Clock.offset(w.clock, skew),
                () -> monotonicOrigin + Duration.between(start, w.clock.instant()).toNanos());
        this.store = storeWrapper.apply(new DynamoRolloutStore(TestJson.STORE, table, w.clock));
        FleetPorts p = ports.apply(w.aws.ports());
        this.runner = new RolloutRunner(w.clock, store, p, notifier,
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(40), 30), lease);
        this.commands = new RolloutCommands(w.clock, store, p, Map.of(w.target.name(), w.target), runner,
                notifier, () -> "r-" + id + "-" + w.ids.incrementAndGet());
    }

    /**
     * What the replica's threads do each step: keep the lease, then tick; a failed tick is left to the
     * next, as the tick loop does. A dead replica does nothing.
     */
    void step() {
        if (!alive) {
            return;
        }
        try {
            lease.poll();
            try {
                runner.tickDue();
            } catch (RuntimeException e) {
                tickFailures++;
            }
        } catch (CrashingPorts.Crash crash) {
            alive = false;
        }
    }

    int tickFailures() {
        return tickFailures;
    }

    Rollout start(World w) {
        w.recordStart();
        return commands.start(w.target.name(), Optional.empty(), Overrides.none(),
                new Trigger(Trigger.Kind.HTTP, "test", ""), "test", false);
    }

    boolean alive() {
        return alive;
    }

    boolean leads() {
        return alive && lease.mayMutate();
    }
}
