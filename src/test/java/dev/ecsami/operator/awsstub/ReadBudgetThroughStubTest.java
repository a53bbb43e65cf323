package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.runtime.FleetPorts;
import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one tick's observation costs through the real adapters for N = 10 instances and S = 3
 * services: at most 4 + ceil(N/100) + ceil(S/10) reads, plus ListTasks and DescribeTasks for a
 * DRAINING instance; task definitions are described on the first read only.
 */
class ReadBudgetThroughStubTest {
    private static final String CLUSTER = "prod";
    private static final String GROUP = "prod-asg";
    private static final int N = 10;
    private static final int S = 3;

    private static AwsStub stub;

    @BeforeAll
    static void startStub() {
        stub = AwsStub.start();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    private static SimulatedAws fleet() {
        SimulatedAws aws = new SimulatedAws(new SimClock(Instant.parse("2026-11-27T10:00:00Z")),
                SimTimings.realistic());
        aws.setup().image("ami-0000000000000a001", "old", "x86_64")
                .group(GROUP, CLUSTER, List.of("us-east-1a", "us-east-1b"), N, 1, N + 2, "ami-0000000000000a001")
                .service(CLUSTER, "web", N, 50, 200, 256, 512)
                .service(CLUSTER, "api", 5, 100, 200, 512, 1024)
                .service(CLUSTER, "worker", 3, 0, 100, 256, 256);
        return aws;
    }

    /** One tick's observation, as the runner reads it. */
    private static Map<String, Integer> observe(FleetPorts ports) {
        stub.resetCalls();
        ports.fleet().describe(GROUP);
        ClusterState cluster = ports.containerInstances().describe(CLUSTER, TaskDetail.DRAINING);
        assertThat(cluster.instances()).hasSize(N);
        assertThat(cluster.services()).hasSize(S);
        return stub.calls();
    }

    private static int total(Map<String, Integer> calls) {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void oneTickOfTenInstancesAndThreeServicesCostsSixReads() {
        SimulatedAws aws = fleet();
        FleetPorts ports = StubbedPorts.over(stub, aws);
        int budget = 4 + (N + 99) / 100 + (S + 9) / 10;

        Map<String, Integer> cold = observe(ports);
        Map<String, Integer> warm = observe(ports);

        assertThat(warm).isEqualTo(Map.of("DescribeAutoScalingGroups", 1, "DescribeLaunchTemplateVersions", 1,
                "ListContainerInstances", 1, "DescribeContainerInstances", 1, "ListServices", 1,
                "DescribeServices", 1));
        assertThat(total(warm)).isLessThanOrEqualTo(budget);
        assertThat(cold).containsEntry("DescribeTaskDefinition", S);
        assertThat(total(cold)).isEqualTo(total(warm) + S);
    }

    @Test
    void aDrainingInstanceAddsOneListTasksAndOneDescribeTasks() {
        SimulatedAws aws = fleet();
        FleetPorts ports = StubbedPorts.over(stub, aws);
        ContainerInstance first = aws.peekCluster(CLUSTER).instances().get(0);
        aws.containerInstances().setState(CLUSTER, List.of(first.arn()), ContainerInstance.Status.DRAINING);
        observe(ports);

        Map<String, Integer> warm = observe(ports);

        assertThat(warm).containsEntry("ListTasks", 1).containsEntry("DescribeTasks", 1);
        assertThat(total(warm)).isLessThanOrEqualTo(4 + 1 + 1 + 2);
    }
}
