package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.model.RolloutPolicy;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    @RegisterExtension
    static final ThroughAwsAdapters AWS = new ThroughAwsAdapters();

    @Override
    World fleetOf(int instances, RolloutPolicy policy) {
        return AWS.fleetOf(instances, policy);
    }

    @Test
    void theRolloutGoesThroughTheRealWireOperations() {
        World w = fleetOf(3, World.policy());
        Rollout done = w.runUntilSettled(w.start().id(), Duration.ofHours(1));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(AWS.stub().calls()).containsKeys("CreateLaunchTemplateVersion", "ModifyLaunchTemplate",
                "TerminateInstanceInAutoScalingGroup", "UpdateContainerInstancesState", "GetParameter");
    }
}
