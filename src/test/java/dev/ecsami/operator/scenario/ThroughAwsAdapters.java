package dev.ecsami.operator.scenario;

import dev.ecsami.operator.awsstub.AwsStub;
import dev.ecsami.operator.awsstub.StubbedPorts;

/** Rewires a {@link World} so the operator reaches its fleet through the real AWS adapters and the stub. */
final class ThroughAwsAdapters {
    private ThroughAwsAdapters() {
    }

    static World wire(World w, AwsStub stub) {
        w.portsWrapper = ports -> StubbedPorts.over(stub, w.aws);
        w.wire();
        return w;
    }
}
