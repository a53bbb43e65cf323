package dev.ecsami.operator.app;

import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.LifecycleActions;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Real AWS through the adapters of the aws package, on the wall clock. The adapters (and their SDK
 * clients) are looked up only when asked for, so the simulated backend never builds them.
 */
final class AwsBackend implements Backend {
    private final Supplier<FleetPorts> ports;
    private final Supplier<LifecycleActions> lifecycleActions;

    AwsBackend(Supplier<FleetPorts> ports, Supplier<LifecycleActions> lifecycleActions) {
        this.ports = ports;
        this.lifecycleActions = lifecycleActions;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public FleetPorts ports() {
        return ports.get();
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
