package dev.ecsami.operator.app;

import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.runtime.LeaderLease;
import dev.ecsami.operator.runtime.Leadership;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the leader lease on its own thread, every renew interval, so a slow tick never delays a
 * renewal; and shows who leads as metrics. With one process there is no lease and no thread.
 */
@ApplicationScoped
public class LeaseKeeper {
    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    private final Leadership leadership;
    private final OperatorConfig config;
    private ScheduledExecutorService executor;

    public LeaseKeeper(Leadership leadership, OperatorConfig config, MeterRegistry registry) {
        this.leadership = leadership;
        this.config = config;
        Gauge.builder("ecs_operator_leader", leadership, l -> l.mayMutate() ? 1 : 0)
                .description("1 while this replica leads (holds the lease with the safety margin), else 0")
                .tag("replica", leadership.replicaId()).register(registry);
        FunctionCounter.builder("ecs_operator_lease_takeovers", leadership,
                        l -> l instanceof LeaderLease lease ? lease.takeovers() : 0)
                .description("Leader leases this replica took over").tag("replica", leadership.replicaId())
                .register(registry);
    }

    /** Before the tick loop, so a replica alone on a fresh table leads from its first tick. */
    void start(@Observes @Priority(10) StartupEvent ev) {
        if (!(leadership instanceof LeaderLease lease)) {
            return;
        }
        lease.poll();
        LOG.infof("replica %s: %s", leadership.replicaId(), leadership.mayMutate() ? "leads"
                : "follows " + leadership.leader().orElse("(lease not yet expired)"));
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leader-lease");
            t.setDaemon(true);
            return t;
        });
        long every = config.leader().renewInterval().toMillis();
        executor.scheduleAtFixedRate(() -> {
            try {
                lease.poll();
            } catch (RuntimeException e) {
                LOG.error("leader lease poll failed; the next one tries again", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
