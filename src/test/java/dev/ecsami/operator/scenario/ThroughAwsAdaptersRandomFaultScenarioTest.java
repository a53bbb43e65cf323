package dev.ecsami.operator.scenario;

import dev.ecsami.operator.awsstub.AwsStub;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RandomFaultScenarioTest} again, through the real adapters: the simulation's throttling and
 * 5xx faults reach the SDK as each service's own error responses, the SDK retries once, and what
 * is left reaches the engine as a retryable AWS error.
 */
class ThroughAwsAdaptersRandomFaultScenarioTest {
    private static AwsStub stub;

    @BeforeAll
    static void startStub() {
        stub = AwsStub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void transientFaultsSlowTheRolloutButNeverBreakAnInvariant(long seed) {
        World w = ThroughAwsAdapters.wire(
                World.fleetOf(4, World.policy().withMaxInFlight(1 + (int) (seed % 2))), stub);
        Rollout r = w.start();
        w.aws.faults().transientFailures(0.15, seed);

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(4));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        assertThat(w.instanceAmis()).hasSize(4).containsOnly(World.NEW_AMI);
        assertThat(done.events()).anyMatch(e -> e.type() == RolloutEvent.Type.AWS_ERROR);
        assertThat(w.mutations("Drain")).isEqualTo(4);
        assertThat(w.mutations("Terminate")).isEqualTo(4);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21})
    void scriptedAccessDeniedPausesWithTheOperationNamed(long seed) {
        World w = ThroughAwsAdapters.wire(World.fleetOf(3, World.policy()), stub);
        Rollout r = w.start();
        w.aws.faults().failNext("UpdateContainerInstancesState", 1, "AccessDeniedException", false);

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("UpdateContainerInstancesState").contains("AccessDeniedException");
        assertThat(w.mutations("Terminate")).isZero();
        assertThat(w.violations).isEmpty();
    }
}
