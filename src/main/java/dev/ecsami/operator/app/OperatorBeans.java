package dev.ecsami.operator.app;

import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.config.TargetsFactory;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.GroupNeighbours;
import dev.ecsami.operator.core.port.LaunchSpecs;
import dev.ecsami.operator.core.port.LifecycleActions;
import dev.ecsami.operator.core.drain.LifecycleDrain;
import dev.ecsami.operator.runtime.DrainObserver;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.core.port.DrainStore;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.core.port.RolloutStore;
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

    /** The one place that looks at operator.backend. */
    @Produces
    @Singleton
    Backend backend(OperatorConfig config, Targets targets, Instance<Fleet> fleet,
                    Instance<ContainerInstances> containerInstances, Instance<LaunchSpecs> launchSpecs,
                    Instance<AmiCatalog> amiCatalog, Instance<GroupNeighbours> neighbours,
                    Instance<LifecycleActions> lifecycleActions) {
        return switch (config.backend()) {
            case SIMULATED -> new SimulatedBackend(targets.all().values(), config.simulation().instances(),
                    config.simulation().speed(), Clock.systemUTC().instant());
            case AWS -> new AwsBackend(() -> new FleetPorts(fleet.get(), containerInstances.get(), launchSpecs.get(),
                    amiCatalog.get(), neighbours.get()), lifecycleActions::get);
        };
    }

    @Produces
    @Singleton
    Clock clock(Backend backend) {
        return backend.clock();
    }

    @Produces
    @Singleton
    FleetPorts ports(Backend backend, MeterRegistry registry) {
        return new MeteredPorts(registry).wrap(backend.ports());
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
    DrainRunner drains(Clock clock, DrainStore store, FleetPorts ports, Backend backend, Targets targets,
                       OperatorConfig config, MeterRegistry registry, Notifier notifier, Leadership leadership) {
        OperatorConfig.Lifecycle l = config.lifecycle();
        LifecycleActions actions = new MeteredPorts(registry).wrap(backend.lifecycleActions());
        return new DrainRunner(clock, store, ports, actions, targets.all(),
                new LifecycleDrain(new LifecycleDrain.Settings(l.heartbeatInterval(),
                        config.scheduler().tickInterval().multipliedBy(5), l.drainTimeout(), l.onDrainTimeout())),
                DrainObserver.countedAndTold(new DrainMetrics(registry), notifier), leadership);
    }

    /** The configured targets, validated. */
    public record Targets(Map<String, Target> all) {
    }

}
