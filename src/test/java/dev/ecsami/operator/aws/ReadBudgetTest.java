package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.TreeMap;

import static dev.ecsami.operator.aws.AsgFixtures.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one tick's reads cost for N = 250 instances and S = 25 services. ListContainerInstances and
 * DescribeContainerInstances both take at most 100 per call, ListServices 100 per page and
 * DescribeServices 10 per call; task definitions are described once per ARN.
 */
class ReadBudgetTest {
    private static final int N = 250;
    private static final int S = 25;

    @RegisterExtension
    static WireMockExtension wm = AwsStub.server();

    private static AwsClients clients;

    @BeforeAll
    static void clients() {
        clients = new AwsStub(wm).clients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @Test
    void oneTickOf250InstancesAnd25ServicesCostsTwelveReads() {
        StaticFleetStub.stubAccount(wm::stubFor, N, S, false);
        AutoScalingFleet fleet = new AutoScalingFleet(clients.autoScaling(), clients.ec2());
        EcsContainerInstances ecs = new EcsContainerInstances(clients.ecs());

        fleet.describe(GROUP);
        ClusterState first = ecs.describe("production", TaskDetail.NONE);
        Map<String, Integer> coldTick = StaticFleetStub.callsByOperation(wm.getAllServeEvents());
        wm.resetRequests();
        assertThat(fleet.describe(GROUP).instances()).hasSize(N);
        ClusterState second = ecs.describe("production", TaskDetail.NONE);
        Map<String, Integer> warmTick = StaticFleetStub.callsByOperation(wm.getAllServeEvents());

        assertThat(first.instances()).hasSize(N);
        assertThat(second.instances()).hasSize(N);
        assertThat(second.services()).hasSize(S);
        assertThat(warmTick).isEqualTo(Map.of(
                "DescribeAutoScalingGroups", 1, "DescribeLaunchTemplateVersions", 1,
                "ListContainerInstances", 3, "DescribeContainerInstances", 3,
                "ListServices", 1, "DescribeServices", 3));
        assertThat(warmTick.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 + 3 + 3 + 1 + 3);
        Map<String, Integer> expectedCold = new TreeMap<>(warmTick);
        expectedCold.put("DescribeTaskDefinition", StaticFleetStub.TASK_DEFINITIONS);
        assertThat(coldTick).isEqualTo(expectedCold);
    }
}
