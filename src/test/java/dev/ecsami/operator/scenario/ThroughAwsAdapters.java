package dev.ecsami.operator.scenario;

import dev.ecsami.operator.awsstub.AwsStub;
import dev.ecsami.operator.awsstub.StubbedPorts;
import dev.ecsami.operator.core.model.RolloutPolicy;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stateful AWS stub for a test class (started before its tests, closed after), and worlds whose
 * operator reaches its fleet through the real AWS adapters and that stub.
 */
final class ThroughAwsAdapters implements BeforeAllCallback, AfterAllCallback {
    private AwsStub stub;

    @Override
    public void beforeAll(ExtensionContext context) {
        stub = AwsStub.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stub.close();
    }

    AwsStub stub() {
        return stub;
    }

    /** {@link World#fleetOf}, rewired through the adapters and the stub. */
    World fleetOf(int instances, RolloutPolicy policy) {
        World w = World.fleetOf(instances, policy);
        w.portsWrapper = ports -> StubbedPorts.over(stub, w.aws);
        w.wire();
        return w;
    }
}
