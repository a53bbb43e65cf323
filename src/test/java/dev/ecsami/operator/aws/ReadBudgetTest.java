package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static dev.ecsami.operator.aws.AsgFixtures.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one tick's reads cost for N = 250 instances and S = 25 services. A cold tick lists the
 * container instances (100 a page) and services (100 a page) and describes every task definition;
 * a warm one describes the remembered container instances (100 a call) and services (10 a call).
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
    void aWarmTickOf250InstancesAnd25ServicesCostsEightReadsAndListsNothing() {
        StaticFleetStub.stubAccount(wm::stubFor, N, S, false, false);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
        FleetPorts ports = new FleetPorts(new AutoScalingFleet(clients.autoScaling(), clients.ec2()),
                new EcsContainerInstances(clients.ecs(), clock), null, null, null);

        Observation first = ports.observe(GROUP, "production", TaskDetail.NONE);
        Map<String, Integer> coldTick = StaticFleetStub.callsByOperation(wm.getAllServeEvents());
        wm.resetRequests();
        clock.advance(Duration.ofSeconds(15));
        Observation second = ports.observe(GROUP, "production", TaskDetail.NONE);
        Map<String, Integer> warmTick = StaticFleetStub.callsByOperation(wm.getAllServeEvents());

        assertThat(first.cluster().instances()).hasSize(N);
        assertThat(second.group().instances()).hasSize(N);
        assertThat(second.cluster().instances()).hasSize(N);
        assertThat(second.cluster().services()).hasSize(S);
        assertThat(warmTick).isEqualTo(Map.of(
                "DescribeAutoScalingGroups", 1, "DescribeLaunchTemplateVersions", 1,
                "DescribeContainerInstances", 3, "DescribeServices", 3));
        Map<String, Integer> expectedCold = new TreeMap<>(warmTick);
        expectedCold.put("ListContainerInstances", 3);
        expectedCold.put("ListServices", 1);
        expectedCold.put("DescribeTaskDefinition", StaticFleetStub.TASK_DEFINITIONS);
        assertThat(coldTick).isEqualTo(expectedCold);
    }
}
