package dev.ecsami.operator.health;

import dev.ecsami.operator.app.OperatorBeans;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.FleetPorts;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * Ready when the configuration was valid (the application would not have started otherwise) and
 * the backend answers: one read of the first target's group, at most every 30 seconds.
 */
@Readiness
@ApplicationScoped
public class BackendReadiness implements HealthCheck {
    private static final Duration CACHE = Duration.ofSeconds(30);

    private final FleetPorts ports;
    private final OperatorBeans.Targets targets;
    private final OperatorConfig config;
    private final Clock clock;
    private Instant checkedAt;
    private String failure;

    public BackendReadiness(FleetPorts ports, OperatorBeans.Targets targets, OperatorConfig config, Clock clock) {
        this.ports = ports;
        this.targets = targets;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        Instant now = clock.instant();
        Optional<Target> probe = targets.all().values().stream().min(Comparator.comparing(Target::name));
        if (probe.isPresent() && (checkedAt == null || !now.isBefore(checkedAt.plus(CACHE)))) {
            try {
                ports.fleet().describe(probe.get().autoScalingGroup());
                failure = null;
            } catch (ExternalCallFailed e) {
                failure = e.getMessage();
            }
            checkedAt = now;
        }
        return HealthCheckResponse.named("backend")
                .status(failure == null)
                .withData("backend", config.backend().name().toLowerCase())
                .withData("targets", targets.all().size())
                .withData("error", failure == null ? "" : failure)
                .build();
    }
}
