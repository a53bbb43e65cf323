package dev.ecsami.operator.app;

import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.config.TargetsFactory;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.GroupNeighbours;
import dev.ecsami.operator.core.port.LaunchSpecs;
import dev.ecsami.operator.core.port.LifecycleActions;
import dev.ecsami.operator.core.drain.LifecycleDrain;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.core.port.DrainStore;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.FleetPorts;
import dev.ecsami.operator.runtime.Leadership;
import dev.ecsami.operator.runtime.NewAmiCheck;
import dev.ecsami.operator.runtime.RetryPolicy;
import dev.ecsami.operator.runtime.RolloutCommands;
import dev.ecsami.operator.runtime.RolloutRunner;
import dev.ecsami.operator.metrics.DrainMetrics;
import dev.ecsami.operator.metrics.MeteredPorts;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Wires the core, the runtime and the chosen backend together. */
@ApplicationScoped
public class OperatorBeans {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    @Produces
    @Singleton
    Targets targets(OperatorConfig config) {
        return new Targets(TargetsFactory.fromConfig(config.targets()));
    }

    @Produces
    @Singleton
    Optional<SimulatedBackend> simulatedBackend(OperatorConfig config, Targets targets) {
        if (config.backend() != OperatorConfig.Backend.SIMULATED) {
            return Optional.empty();
        }
        return Optional.of(new SimulatedBackend(targets.all().values(), config.simulation().instances(),
                config.simulation().speed(), Clock.systemUTC().instant()));
    }

    @Produces
    @Singleton
    Clock clock(Optional<SimulatedBackend> simulated) {
        return simulated.<Clock>map(SimulatedBackend::clock).orElseGet(Clock::systemUTC);
    }

    @Produces
    @Singleton
    FleetPorts ports(Optional<SimulatedBackend> simulated, MeterRegistry registry, Instance<Fleet> fleet,
                     Instance<ContainerInstances> containerInstances, Instance<LaunchSpecs> launchSpecs,
                     Instance<AmiCatalog> amiCatalog, Instance<GroupNeighbours> neighbours) {
        // The AWS adapters (and their SDK clients) are only built when the backend is AWS.
        FleetPorts raw = simulated.map(SimulatedBackend::ports).orElseGet(() -> new FleetPorts(fleet.get(),
                containerInstances.get(), launchSpecs.get(), amiCatalog.get(), neighbours.get()));
        return new MeteredPorts(registry).wrap(raw);
    }

    @Produces
    @Singleton
    Notifier notifier(@All List<NotificationChannel> channels) {
        return new CompositeNotifier(channels);
    }

    @Produces
    @Singleton
    RolloutRunner runner(Clock clock, RolloutStore store, FleetPorts ports, Notifier notifier, OperatorConfig config,
                         Leadership leadership) {
        OperatorConfig.Scheduler s = config.scheduler();
        return new RolloutRunner(clock, store, ports, notifier,
                new RetryPolicy(s.retryBaseDelay(), s.retryMaxDelay(), s.retryMaxAttempts()), leadership);
    }

    @Produces
    @Singleton
    RolloutCommands commands(Clock clock, RolloutStore store, FleetPorts ports, Targets targets, RolloutRunner runner,
                             Notifier notifier) {
        SecureRandom random = new SecureRandom();
        return new RolloutCommands(clock, store, ports, targets.all(), runner, notifier, () -> {
            byte[] suffix = new byte[3];
            random.nextBytes(suffix);
            return "r-" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
        });
    }

    @Produces
    @Singleton
    NewAmiCheck newAmiCheck(RolloutCommands commands, RolloutStore store, FleetPorts ports, Notifier notifier) {
        return new NewAmiCheck(commands, store, ports, notifier);
    }

    /** Drains of instances leaving through a lifecycle hook or a Spot warning. */
    @Produces
    @Singleton
    DrainRunner drains(Clock clock, DrainStore store, FleetPorts ports, Optional<SimulatedBackend> simulated,
                       Instance<LifecycleActions> lifecycleActions, Targets targets, OperatorConfig config,
                       MeterRegistry registry) {
        OperatorConfig.Lifecycle l = config.lifecycle();
        LifecycleActions actions = new MeteredPorts(registry).wrap(
                simulated.map(s -> s.aws().lifecycleActions()).orElseGet(lifecycleActions::get));
        return new DrainRunner(clock, store, ports, actions, targets.all(),
                new LifecycleDrain(new LifecycleDrain.Settings(l.heartbeatInterval(),
                        config.scheduler().tickInterval().multipliedBy(5), l.drainTimeout(), l.onDrainTimeout())),
                new DrainMetrics(registry));
    }

    /** The configured targets, validated. */
    public record Targets(Map<String, Target> all) {
    }

}
