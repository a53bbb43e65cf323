package dev.ecsami.operator.metrics;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.runtime.DrainObserver;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

/**
 * Drains of leaving instances: started, and ended by state (completed, timed out, released, stepped
 * aside, lost), with their duration. Released drains of groups no target configures are counted
 * under target "(none)".
 */
public final class DrainMetrics implements DrainObserver {
    private final MeterRegistry registry;

    public DrainMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void started(DrainRecord drain) {
        registry.counter("ecs_operator_lifecycle_drains_started", "target", target(drain), "reason",
                drain.reason().name().toLowerCase()).increment();
    }

    @Override
    public void ended(DrainRecord drain) {
        String state = drain.state().name().toLowerCase();
        registry.counter("ecs_operator_lifecycle_drains_ended", "target", target(drain), "state", state).increment();
        if (drain.endedAt() != null) {
            registry.timer("ecs_operator_lifecycle_drain_duration", "target", target(drain), "state", state)
                    .record(Duration.between(drain.startedAt(), drain.endedAt()));
        }
    }

    private static String target(DrainRecord drain) {
        return drain.target().isEmpty() ? "(none)" : drain.target();
    }
}
