package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.model.RolloutPolicy;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every scenario of {@link RandomFaultScenarioTest} again, with the real AWS adapters and SDK talking to a
 * stub that plays the same simulated fleet.
 */
class ThroughAwsAdaptersRandomFaultScenarioTest extends RandomFaultScenarioTest {
    @RegisterExtension
    static final ThroughAwsAdapters AWS = new ThroughAwsAdapters();

    @Override
    World fleetOf(int instances, RolloutPolicy policy) {
        return AWS.fleetOf(instances, policy);
    }
}
