package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random schedules of throttling and 5xx errors on every AWS call: the rollout still
 * completes, and the invariants hold at every tick.
 */
class RandomFaultScenarioTest {

    /** The fleet each scenario runs on; ThroughAwsAdaptersRandomFaultScenarioTest runs them all again through the real AWS adapters. */
    World fleetOf(int instances, dev.ecsami.operator.core.model.RolloutPolicy policy) {
        return World.fleetOf(instances, policy);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void transientFaultsSlowTheRolloutButNeverBreakAnInvariant(long seed) {
        World w = fleetOf(5, World.policy().withMaxInFlight(1 + (int) (seed % 2)));
        Rollout r = w.start();
        w.aws.faults().transientFailures(0.15, seed);

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(4));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        assertThat(w.instanceAmis()).hasSize(5).containsOnly(World.NEW_AMI);
        assertThat(done.events()).anyMatch(e -> e.type() == RolloutEvent.Type.AWS_ERROR);
        // Each instance once, and once each instance that evened out the zones before AZRebalance resumed.
        long evened = done.steps().stream().filter(s -> s.purpose() == InstanceStep.Purpose.REBALANCE).count();
        assertThat(w.mutations("Drain")).isEqualTo(5 + evened);
        assertThat(w.mutations("Terminate")).isEqualTo(5 + evened);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23})
    void scriptedAccessDeniedPausesWithTheOperationNamed(long seed) {
        World w = fleetOf(3, World.policy());
        Rollout r = w.start();
        w.aws.faults().failNext("UpdateContainerInstancesState", 1, "AccessDeniedException", false);

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("UpdateContainerInstancesState").contains("AccessDeniedException");
        assertThat(w.mutations("Terminate")).isZero();
        assertThat(w.violations).isEmpty();
    }
}
