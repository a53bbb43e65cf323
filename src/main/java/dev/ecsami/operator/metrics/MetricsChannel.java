package dev.ecsami.operator.metrics;

import dev.ecsami.operator.app.NotificationChannel;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Rollout metrics from the event stream: rollouts by outcome, instances replaced, and the
 * distribution of drain durations.
 */
@ApplicationScoped
@Typed(NotificationChannel.class)
public class MetricsChannel implements NotificationChannel {
    private final MeterRegistry registry;
    private final Timer drains;

    public MetricsChannel(MeterRegistry registry) {
        this.registry = registry;
        this.drains = Timer.builder("ecs_operator_drain_duration").description("time from DRAINING to drained")
                .publishPercentileHistogram().register(registry);
    }

    @Override
    public void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents) {
        for (RolloutEvent e : newEvents) {
            switch (e.type()) {
                case SUCCEEDED, FAILED, ABORTED -> registry.counter("ecs_operator_rollouts", "outcome",
                        e.type().name().toLowerCase(Locale.ROOT)).increment();
                case INSTANCE_DONE -> registry.counter("ecs_operator_instances_replaced").increment();
                case DRAINED -> rollout.step(e.instanceId()).flatMap(s -> drainTime(s, e))
                        .ifPresent(drains::record);
                default -> {
                }
            }
        }
    }

    private static java.util.Optional<Duration> drainTime(InstanceStep s, RolloutEvent drained) {
        return s.lastEntered(StepPhase.DRAIN).map(start -> Duration.between(start, drained.at()))
                .filter(d -> !d.isNegative());
    }
}
