package dev.ecsami.operator.app;

import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.GroupNeighbours;
import dev.ecsami.operator.core.port.LaunchSpecs;
import dev.ecsami.operator.core.port.LifecycleActions;
import dev.ecsami.operator.runtime.FleetPorts;
import jakarta.enterprise.inject.Instance;

import java.time.Clock;
import java.time.Duration;

/**
 * Real AWS through the adapters of the aws package, on the wall clock. The adapters (and their SDK
 * clients) are looked up only here, so the simulated backend never builds them.
 */
final class AwsBackend implements Backend {
    private final Instance<Fleet> fleet;
    private final Instance<ContainerInstances> containerInstances;
    private final Instance<LaunchSpecs> launchSpecs;
    private final Instance<AmiCatalog> amiCatalog;
    private final Instance<GroupNeighbours> neighbours;
    private final Instance<LifecycleActions> lifecycleActions;

    AwsBackend(Instance<Fleet> fleet, Instance<ContainerInstances> containerInstances, Instance<LaunchSpecs> launchSpecs,
               Instance<AmiCatalog> amiCatalog, Instance<GroupNeighbours> neighbours,
               Instance<LifecycleActions> lifecycleActions) {
        this.fleet = fleet;
        this.containerInstances = containerInstances;
        this.launchSpecs = launchSpecs;
        this.amiCatalog = amiCatalog;
        this.neighbours = neighbours;
        this.lifecycleActions = lifecycleActions;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public FleetPorts ports() {
        return new FleetPorts(fleet.get(), containerInstances.get(), launchSpecs.get(), amiCatalog.get(),
                neighbours.get());
    }

    @Override
    public LifecycleActions lifecycleActions() {
        return lifecycleActions.get();
    }

    @Override
    public void elapse(Duration wall) {
        // The wall clock moves by itself.
    }

    @Override
    public String describe() {
        return "AWS backend on the wall clock";
    }
}
