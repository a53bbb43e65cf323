package dev.ecsami.operator.scenario;

import dev.ecsami.operator.awsstub.AwsStub;
import dev.ecsami.operator.core.model.RolloutPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every scenario of {@link RandomFaultScenarioTest} again, with the real AWS adapters and SDK talking to a
 * stub that plays the same simulated fleet.
 */
class ThroughAwsAdaptersRandomFaultScenarioTest extends RandomFaultScenarioTest {
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
}
