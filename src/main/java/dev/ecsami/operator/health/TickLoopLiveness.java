package dev.ecsami.operator.health;

import dev.ecsami.operator.app.TickLoop;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the tick loop keeps turning. */
@Liveness
@ApplicationScoped
public class TickLoopLiveness implements HealthCheck {
    private final TickLoop loop;

    public TickLoopLiveness(TickLoop loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("tick-loop").status(loop.turning()).build();
    }
}
