package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;
import dev.ecsami.operator.testing.PerClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one tick's observation costs through the real adapters for N = 10 instances and S = 3
 * services: within 4 + ceil(N/100) + ceil(S/10) reads. A warm tick describes what it remembers
 * without listing; ListTasks comes with a DRAINING instance, DescribeTasks only for tasks not
 * described before, one filtered ListContainerInstances with a replacement not yet registered;
 * task definitions are described on the first read only.
 */
class ReadBudgetThroughStubTest {
    private static final String CLUSTER = "prod";
    private static final String GROUP = "prod-asg";
    private static final int N = 10;
    private static final int S = 3;
    private static final int BUDGET = 4 + (N + 99) / 100 + (S + 9) / 10;
    private static final Duration POLL = Duration.ofSeconds(15);

    @RegisterExtension
    static final PerClass<AwsStub> STUB = new PerClass<>(AwsStub::start);

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

    /** One tick's observation, as the runner reads it: the calls it cost, and what it saw. */
    private static Map<String, Integer> observe(FleetPorts ports, List<Observation> seen) {
        STUB.get().resetCalls();
        Observation observed = ports.observe(GROUP, CLUSTER, TaskDetail.DRAINING);
        assertThat(observed.cluster().services()).hasSize(S);
        seen.add(observed);
        return STUB.get().calls();
    }

    private static Map<String, Integer> observe(FleetPorts ports) {
        return observe(ports, new ArrayList<>());
    }

    /** Moves the world and its clock on by one poll interval. */
    private static void poll(SimulatedAws aws) {
        ((SimClock) aws.clock()).advance(POLL);
        aws.advance();
    }

    private static int total(Map<String, Integer> calls) {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void aWarmTickDescribesWhatItRemembersWithoutListing() {
        SimulatedAws aws = fleet();
        FleetPorts ports = StubbedPorts.over(STUB.get(), aws);

        Map<String, Integer> cold = observe(ports);
        poll(aws);
        Map<String, Integer> warm = observe(ports);

        assertThat(cold).containsEntry("ListContainerInstances", 1).containsEntry("ListServices", 1)
                .containsEntry("DescribeTaskDefinition", S);
        assertThat(warm).isEqualTo(Map.of("DescribeAutoScalingGroups", 1, "DescribeLaunchTemplateVersions", 1,
                "DescribeContainerInstances", 1, "DescribeServices", 1));
        assertThat(total(warm)).isLessThanOrEqualTo(BUDGET);
    }

    @Test
    void aDrainingInstanceAddsOneListTasksAndItsTasksAreDescribedOnce() {
        SimulatedAws aws = fleet();
        FleetPorts ports = StubbedPorts.over(STUB.get(), aws);
        ContainerInstance first = aws.peekCluster(CLUSTER).instances().get(0);
        observe(ports);
        aws.containerInstances().setState(CLUSTER, List.of(first.arn()), ContainerInstance.Status.DRAINING);

        Map<String, Integer> drainSeen = observe(ports);
        poll(aws);
        Map<String, Integer> drainGoesOn = observe(ports);

        assertThat(drainSeen).containsEntry("ListTasks", 1).containsEntry("DescribeTasks", 1);
        assertThat(drainGoesOn).containsEntry("ListTasks", 1).doesNotContainKey("DescribeTasks");
        assertThat(total(drainGoesOn)).isLessThanOrEqualTo(BUDGET - 1);
    }

    @Test
    void aBootingReplacementIsLookedUpEachTickAndSeenAsSoonAsItRegisters() {
        SimulatedAws aws = fleet();
        FleetPorts ports = StubbedPorts.over(STUB.get(), aws);
        observe(ports);
        aws.fleet().setCapacity(GROUP, N + 1, N + 2);
        aws.advance();

        List<Map<String, Integer>> ticks = new ArrayList<>();
        List<Boolean> registered = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            poll(aws);
            registered.add(aws.peekCluster(CLUSTER).instances().size() == N + 1);
            List<Observation> seen = new ArrayList<>();
            ticks.add(observe(ports, seen));
            assertThat(seen.get(0).group().instances()).hasSize(N + 1);
            assertThat(seen.get(0).cluster().instances()).hasSize(registered.get(i) ? N + 1 : N);
        }

        int first = registered.indexOf(true);
        assertThat(first).as("the tick that first sees the replacement registered").isPositive();
        for (int i = 0; i <= first; i++) {
            assertThat(ticks.get(i)).containsEntry("ListContainerInstances", 1);
            assertThat(total(ticks.get(i))).isLessThanOrEqualTo(BUDGET);
        }
        assertThat(ticks.subList(first + 1, ticks.size())).allSatisfy(t ->
                assertThat(t).doesNotContainKey("ListContainerInstances"));
    }
}
