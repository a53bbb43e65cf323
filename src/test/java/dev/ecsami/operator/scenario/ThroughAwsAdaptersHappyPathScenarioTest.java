package dev.ecsami.operator.scenario;

import dev.ecsami.operator.awsstub.AwsStub;
import dev.ecsami.operator.core.model.RolloutPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every scenario of {@link HappyPathScenarioTest} again, with the real AWS adapters and SDK talking to a
 * stub that plays the same simulated fleet.
 */
class ThroughAwsAdaptersHappyPathScenarioTest extends HappyPathScenarioTest {
    private static AwsStub stub;

    @BeforeAll
    static void startStub() {
        stub = AwsStub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @Override
    World fleetOf(int instances, RolloutPolicy policy) {
        return ThroughAwsAdapters.wire(World.fleetOf(instances, policy), stub);
    }

    @Test
    void theRolloutGoesThroughTheRealWireOperations() {
        World w = fleetOf(3, World.policy());
        Rollout done = w.runUntilSettled(w.start().id(), Duration.ofHours(1));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(stub.calls()).containsKeys("CreateLaunchTemplateVersion", "ModifyLaunchTemplate",
                "TerminateInstanceInAutoScalingGroup", "UpdateContainerInstancesState", "GetParameter");
    }
}
