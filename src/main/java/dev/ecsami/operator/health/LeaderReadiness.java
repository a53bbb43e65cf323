package dev.ecsami.operator.health;

import dev.ecsami.operator.runtime.Leadership;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which replica leads. Always up: a follower serves the API and takes triggers, so it is as ready
 * as the leader; the data tells them apart.
 */
@Readiness
@ApplicationScoped
public class LeaderReadiness implements HealthCheck {
    private final Leadership leadership;

    public LeaderReadiness(Leadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("leader").up()
                .withData("replica", leadership.replicaId())
                .withData("leads", leadership.mayMutate())
                .withData("leader", leadership.leader().orElse(""))
                .build();
    }
}
