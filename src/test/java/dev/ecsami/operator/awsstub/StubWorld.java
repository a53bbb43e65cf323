package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;

import java.time.Instant;
import java.util.List;

/** The small world the stub's own tests play: one group of two instances in two zones, one service. */
final class StubWorld {
    static final String CLUSTER = "prod";
    static final String GROUP = "prod-asg";
    static final String OLD_AMI = "ami-0000000000000a001";
    static final String NEW_AMI = "ami-0000000000000b002";
    static final String PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended";

    private StubWorld() {
    }

    /** Instances on the old AMI; the SSM parameter already names the new one. */
    static SimulatedAws twoInstances() {
        SimulatedAws aws = new SimulatedAws(new SimClock(Instant.parse("2026-11-27T10:00:00Z")),
                SimTimings.realistic());
        aws.setup().image(OLD_AMI, "old", "x86_64").image(NEW_AMI, "new", "x86_64").parameter(PARAMETER, NEW_AMI)
                .group(GROUP, CLUSTER, List.of("us-east-1a", "us-east-1b"), 2, 1, 4, OLD_AMI)
                .service(CLUSTER, "web", 2, 50, 200, 256, 512);
        return aws;
    }
}
