package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static dev.ecsami.operator.aws.AsgFixtures.GROUP;
import static dev.ecsami.operator.aws.AsgFixtures.OLD_AMI;
import static dev.ecsami.operator.aws.AsgFixtures.group;
import static dev.ecsami.operator.aws.AsgFixtures.groups;
import static dev.ecsami.operator.aws.AsgFixtures.instance;
import static dev.ecsami.operator.aws.AsgFixtures.launchTemplate;
import static dev.ecsami.operator.aws.AsgFixtures.templateVersion;
import static dev.ecsami.operator.aws.AsgFixtures.templateVersions;
import static dev.ecsami.operator.aws.AwsStub.asg;
import static dev.ecsami.operator.aws.AwsStub.ec2;
import static dev.ecsami.operator.aws.AwsStub.ecsCall;
import static dev.ecsami.operator.aws.AwsStub.json;
import static dev.ecsami.operator.aws.AwsStub.queryCall;
import static dev.ecsami.operator.aws.EcsFixtures.ciArn;
import static dev.ecsami.operator.aws.EcsFixtures.containerInstance;
import static dev.ecsami.operator.aws.EcsFixtures.describedInstances;
import static dev.ecsami.operator.aws.EcsFixtures.describedServices;
import static dev.ecsami.operator.aws.EcsFixtures.list;
import static dev.ecsami.operator.aws.EcsFixtures.service;
import static dev.ecsami.operator.aws.EcsFixtures.serviceArn;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefArn;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one tick's reads cost for N = 250 instances and S = 25 services. ListContainerInstances and
 * DescribeContainerInstances both take at most 100 per call, ListServices 100 per page and
 * DescribeServices 10 per call; task definitions are described once per ARN.
 */
class ReadBudgetTest {
    private static final int N = 250;
    private static final int S = 25;
    private static final int TASK_DEFINITIONS = 5;

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

    private static void stubAccount() {
        String instances = IntStream.range(0, N).mapToObj(i -> "<member>" + instance(String.format("i-%017d", i),
                i % 2 == 0 ? "us-east-1a" : "us-east-1b", "InService", "Healthy", launchTemplate("7"))
                + "</member>").reduce("", String::concat);
        wm.stubFor(queryCall("DescribeAutoScalingGroups").willReturn(asg("DescribeAutoScalingGroups",
                groups(group(GROUP, N, N + 10, N, launchTemplate("$Default"), instances, "")))));
        wm.stubFor(queryCall("DescribeLaunchTemplateVersions").willReturn(ec2("DescribeLaunchTemplateVersions",
                templateVersions(null, templateVersion(7, true, OLD_AMI, "base", "")))));

        List<String> arns = IntStream.range(0, N).mapToObj(i -> ciArn("ci" + i)).toList();
        for (int page = 0; page * 100 < N; page++) {
            List<String> slice = arns.subList(page * 100, Math.min(N, page * 100 + 100));
            String next = page * 100 + 100 < N ? "page" + (page + 1) : null;
            var call = ecsCall("ListContainerInstances");
            call = page == 0 ? call.withRequestBody(notContaining("nextToken"))
                    : call.withRequestBody(containing("\"page" + page + "\""));
            wm.stubFor(call.willReturn(json(list("containerInstanceArns", slice, next))));
            int from = page * 100;
            wm.stubFor(ecsCall("DescribeContainerInstances").withRequestBody(containing(ciArn("ci" + from) + "\""))
                    .willReturn(json(describedInstances(IntStream.range(from, from + slice.size())
                            .mapToObj(i -> containerInstance("ci" + i, String.format("i-%017d", i), "ACTIVE",
                                    OLD_AMI, 1024, 4096, List.of("22", "80"), 2, 0)).toList()))));
        }

        List<String> services = IntStream.range(0, S).mapToObj(i -> "svc" + i).toList();
        wm.stubFor(ecsCall("ListServices").willReturn(json(list("serviceArns",
                services.stream().map(EcsFixtures::serviceArn).toList(), null))));
        for (int batch = 0; batch * 10 < S; batch++) {
            wm.stubFor(ecsCall("DescribeServices").withRequestBody(containing(serviceArn("svc" + batch * 10) + "\""))
                    .willReturn(json(describedServices(services.subList(batch * 10, Math.min(S, batch * 10 + 10))
                            .stream().map(s -> service(s, taskDefinitionOf(s), 4, 4, List.of())).toList()))));
        }
        for (int t = 0; t < TASK_DEFINITIONS; t++) {
            String arn = taskDefArn("app" + t + ":1");
            wm.stubFor(ecsCall("DescribeTaskDefinition").withRequestBody(containing(arn + "\""))
                    .willReturn(json(taskDefinition(arn, "bridge", "256", "512", List.of()))));
        }
    }

    /** Services share a few task definitions: svc0, svc5, svc10... run app0. */
    private static String taskDefinitionOf(String service) {
        return taskDefArn("app" + Integer.parseInt(service.substring(3)) % TASK_DEFINITIONS + ":1");
    }

    private static Map<String, Integer> callsByOperation() {
        Map<String, Integer> calls = new TreeMap<>();
        for (ServeEvent e : wm.getAllServeEvents()) {
            String target = e.getRequest().getHeader("X-Amz-Target");
            String op = target != null ? target.substring(target.indexOf('.') + 1)
                    : AwsStub.form(e.getRequest()).get("Action");
            calls.merge(op, 1, Integer::sum);
        }
        return calls;
    }

    @Test
    void oneTickOf250InstancesAnd25ServicesCostsTwelveReads() {
        stubAccount();
        AutoScalingFleet fleet = new AutoScalingFleet(clients.autoScaling(), clients.ec2());
        EcsContainerInstances ecs = new EcsContainerInstances(clients.ecs());

        fleet.describe(GROUP);
        ClusterState first = ecs.describe("production", TaskDetail.NONE);
        Map<String, Integer> coldTick = callsByOperation();
        wm.resetRequests();
        assertThat(fleet.describe(GROUP).instances()).hasSize(N);
        ClusterState second = ecs.describe("production", TaskDetail.NONE);
        Map<String, Integer> warmTick = callsByOperation();

        assertThat(first.instances()).hasSize(N);
        assertThat(second.instances()).hasSize(N);
        assertThat(second.services()).hasSize(S);
        assertThat(warmTick).isEqualTo(Map.of(
                "DescribeAutoScalingGroups", 1, "DescribeLaunchTemplateVersions", 1,
                "ListContainerInstances", 3, "DescribeContainerInstances", 3,
                "ListServices", 1, "DescribeServices", 3));
        assertThat(warmTick.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2 + 3 + 3 + 1 + 3);
        Map<String, Integer> expectedCold = new TreeMap<>(warmTick);
        expectedCold.put("DescribeTaskDefinition", TASK_DEFINITIONS);
        assertThat(coldTick).isEqualTo(expectedCold);
    }
}
