package dev.ecsami.operator.app;

import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.runtime.Leadership;
import dev.ecsami.operator.runtime.NewAmiCheck;
import dev.ecsami.operator.runtime.RolloutRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that moves rollouts: every tick-interval it runs the due AMI check and ticks the
 * due rollouts and drains. With the simulated backend it first moves virtual time. Waiting happens here and
 * only here.
 */
@ApplicationScoped
public class TickLoop {
    private static final Logger LOG = Logger.getLogger(TickLoop.class);

    private final RolloutRunner runner;
    private final NewAmiCheck amiCheck;
    private final RolloutStore store;
    private final Clock clock;
    private final OperatorConfig config;
    private final Optional<SimulatedBackend> simulated;
    private final Leadership leadership;
    private final DrainRunner drains;
    private ScheduledExecutorService executor;
    private Instant nextAmiCheck;
    private volatile long lastWallNanos;
    private boolean checkedOnce;

    public TickLoop(RolloutRunner runner, NewAmiCheck amiCheck, RolloutStore store, Clock clock, OperatorConfig config,
                    Optional<SimulatedBackend> simulated, Leadership leadership, DrainRunner drains) {
        this.leadership = leadership;
        this.drains = drains;
        this.runner = runner;
        this.amiCheck = amiCheck;
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.simulated = simulated;
    }

    void start(@Observes StartupEvent ev) {
        nextAmiCheck = config.amiCheck().onStartup() ? clock.instant()
                : clock.instant().plus(config.amiCheck().interval());
        simulated.ifPresent(s -> LOG.infof("simulated AWS: %d target(s), %d instances each, virtual time x%.0f",
                config.targets().size(), config.simulation().instances(), config.simulation().speed()));
        lastWallNanos = System.nanoTime();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rollout-ticks");
            t.setDaemon(true);
            return t;
        });
        long every = config.scheduler().tickInterval().toMillis();
        executor.scheduleWithFixedDelay(this::loopOnce, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent ev) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** The loop ran recently: within ten intervals, and at least the last 30 seconds. */
    public boolean turning() {
        long limit = Math.max(Duration.ofSeconds(30).toNanos(), config.scheduler().tickInterval().toNanos() * 10);
        return executor != null && (System.nanoTime() - lastWallNanos < limit
                || config.simulation().exitWhenIdle() && executor.isShutdown());
    }

    void loopOnce() {
        try {
            long wall = System.nanoTime();
            simulated.ifPresent(s -> s.advanceBy(Duration.ofNanos(wall - lastWallNanos)));
            lastWallNanos = wall;
            // The periodic check is the leader's; announcements reach every replica through ingest.
            if (!clock.instant().isBefore(nextAmiCheck) && leadership.mayMutate()) {
                Trigger trigger = checkedOnce
                        ? new Trigger(Trigger.Kind.SSM_CHECK, "", "every " + config.amiCheck().interval().toString()
                        .substring(2).toLowerCase())
                        : new Trigger(Trigger.Kind.STARTUP_CHECK, "", "");
                for (NewAmiCheck.Outcome o : amiCheck.run(trigger)) {
                    LOG.infof("AMI check: target %s %s: %s", o.target(), o.action(), o.detail());
                }
                checkedOnce = true;
                nextAmiCheck = clock.instant().plus(config.amiCheck().interval());
            }
            runner.tickDue();
            if (config.lifecycle().enabled() && leadership.mayMutate()) {
                drains.tickDue();
            }
            if (config.simulation().exitWhenIdle() && checkedOnce && store.active().isEmpty()) {
                LOG.info("no rollout is active any more; the demo ends here");
                executor.shutdown();
                Quarkus.asyncExit(0);
            }
        } catch (RuntimeException e) {
            LOG.error("tick failed; the next tick tries again", e);
        }
    }
}
