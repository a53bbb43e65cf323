package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.model.Rollout;
import org.junit.jupiter.api.Test;
import java.time.Duration;

class ScratchDebugTest {
    @Test
    void debug() {
        World w = World.fleetOf(4, World.policy());
        w.aws.actors().scheduledAction(World.GROUP, "morning", w.clock.instant().plus(Duration.ofMinutes(4)), 6,
                null, 8);
        Rollout r = w.start();
        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));
        System.out.println(w.trace(r.id(), 200));
        System.out.println(w.aws.peekGroup(World.GROUP));
        System.out.println(w.violations);
    }
}
