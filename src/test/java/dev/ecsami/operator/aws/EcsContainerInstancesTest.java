package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.TaskInfo;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static dev.ecsami.operator.aws.AwsStub.ecsCall;
import static dev.ecsami.operator.aws.AwsStub.ecsRequested;
import static dev.ecsami.operator.aws.AwsStub.json;
import static dev.ecsami.operator.aws.AwsStub.jsonError;
import static dev.ecsami.operator.aws.EcsFixtures.ciArn;
import static dev.ecsami.operator.aws.EcsFixtures.containerInstance;
import static dev.ecsami.operator.aws.EcsFixtures.describedInstances;
import static dev.ecsami.operator.aws.EcsFixtures.describedServices;
import static dev.ecsami.operator.aws.EcsFixtures.describedTasks;
import static dev.ecsami.operator.aws.EcsFixtures.list;
import static dev.ecsami.operator.aws.EcsFixtures.map;
import static dev.ecsami.operator.aws.EcsFixtures.service;
import static dev.ecsami.operator.aws.EcsFixtures.task;
import static dev.ecsami.operator.aws.EcsFixtures.taskArn;
import static dev.ecsami.operator.aws.EcsFixtures.taskContainer;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefArn;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcsContainerInstancesTest {
    private static final String AMI = "ami-0a1b2c3d4e5f67890";

    @RegisterExtension
    static WireMockExtension wm = AwsStub.server();

    private final AwsStub stub = new AwsStub(wm);
    private static AwsClients clients;
    private EcsContainerInstances ecs;

    @BeforeEach
    void setUp() {
        ecs = new EcsContainerInstances(clients.ecs(), new MutableClock(Instant.parse("2026-11-27T10:00:00Z")));
    }

    @BeforeAll
    static void clients() {
        clients = new AwsStub(wm).clients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    private void noServices() {
        wm.stubFor(ecsCall("ListServices").willReturn(json(list("serviceArns", List.of(), null))));
    }

    private void oneInstanceCluster(String status) {
        wm.stubFor(ecsCall("ListContainerInstances").willReturn(json(list("containerInstanceArns",
                List.of(ciArn("f2756532")), null))));
        wm.stubFor(ecsCall("DescribeContainerInstances").willReturn(json(describedInstances(List.of(
                containerInstance("f2756532", "i-0aa11bb22cc33dd44", status, AMI, 1024, 5632,
                        List.of("22", "2375", "2376", "51678", "51679", "8080"), 2, 1))))));
    }

    @Test
    void readsContainerInstanceResourcesReservedPortsAndAmiAttribute() {
        oneInstanceCluster("ACTIVE");
        noServices();

        ClusterState state = ecs.describe("production", TaskDetail.NONE);

        assertThat(state.instances()).singleElement().satisfies(ci -> {
            assertThat(ci.arn()).isEqualTo(ciArn("f2756532"));
            assertThat(ci.ec2InstanceId()).isEqualTo("i-0aa11bb22cc33dd44");
            assertThat(ci.status()).isEqualTo(ContainerInstance.Status.ACTIVE);
            assertThat(ci.agentConnected()).isTrue();
            assertThat(ci.amiId()).isEqualTo(AMI);
            assertThat(ci.registered()).isEqualTo(new Resources(2048, 7680));
            assertThat(ci.remaining()).isEqualTo(new Resources(1024, 5632));
            assertThat(ci.usedPorts()).containsExactlyInAnyOrder(22, 2375, 2376, 51678, 51679, 8080);
            assertThat(ci.runningTasks()).isEqualTo(2);
            assertThat(ci.pendingTasks()).isEqualTo(1);
            assertThat(ci.tasksKnown()).isFalse();
        });
        wm.verify(ecsRequested("ListContainerInstances")
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withRequestBody(equalToJson("{\"cluster\":\"production\",\"maxResults\":100}")));
        wm.verify(ecsRequested("DescribeContainerInstances").withRequestBody(equalToJson(
                "{\"cluster\":\"production\",\"containerInstances\":[\"" + ciArn("f2756532") + "\"]}")));
        wm.verify(0, ecsRequested("ListTasks"));
    }

    @Test
    void followsNextTokenAndDescribesInstancesInBatchesOfOneHundred() {
        List<String> firstPage = IntStream.range(0, 100).mapToObj(i -> ciArn("a" + i)).toList();
        List<String> secondPage = IntStream.range(0, 30).mapToObj(i -> ciArn("b" + i)).toList();
        wm.stubFor(ecsCall("ListContainerInstances").withRequestBody(equalToJson("{\"cluster\":\"production\","
                + "\"maxResults\":100}")).willReturn(json(list("containerInstanceArns", firstPage, "token-page-2"))));
        wm.stubFor(ecsCall("ListContainerInstances").withRequestBody(containing("token-page-2"))
                .willReturn(json(list("containerInstanceArns", secondPage, null))));
        wm.stubFor(ecsCall("DescribeContainerInstances").withRequestBody(containing(ciArn("a0") + "\""))
                .willReturn(json(describedInstances(IntStream.range(0, 100).mapToObj(i -> containerInstance("a" + i,
                        "i-a" + i, "ACTIVE", AMI, 2048, 7680, List.of("22"), 0, 0)).toList()))));
        wm.stubFor(ecsCall("DescribeContainerInstances").withRequestBody(containing(ciArn("b0") + "\""))
                .willReturn(json(describedInstances(IntStream.range(0, 30).mapToObj(i -> containerInstance("b" + i,
                        "i-b" + i, "ACTIVE", AMI, 2048, 7680, List.of("22"), 0, 0)).toList()))));
        noServices();

        ClusterState state = ecs.describe("production", TaskDetail.NONE);

        assertThat(state.instances()).hasSize(130);
        wm.verify(ecsRequested("ListContainerInstances").withRequestBody(equalToJson(
                "{\"cluster\":\"production\",\"maxResults\":100,\"nextToken\":\"token-page-2\"}")));
        assertThat(stub.ecsRequests("DescribeContainerInstances")).hasSize(2);
    }

    @Test
    void drainingDetailListsTasksOnlyOnDrainingInstances() {
        wm.stubFor(ecsCall("ListContainerInstances").willReturn(json(list("containerInstanceArns",
                List.of(ciArn("draining1"), ciArn("active1")), null))));
        wm.stubFor(ecsCall("DescribeContainerInstances").willReturn(json(describedInstances(List.of(
                containerInstance("draining1", "i-0d", "DRAINING", AMI, 1536, 6656, List.of("22", "80"), 3, 0),
                containerInstance("active1", "i-0a", "ACTIVE", AMI, 2048, 7680, List.of("22"), 1, 0))))));
        wm.stubFor(ecsCall("ListServices").willReturn(json(list("serviceArns",
                List.of(EcsFixtures.serviceArn("web"), EcsFixtures.serviceArn("log-router")), null))));
        Map<String, Object> daemon = service("log-router", taskDefArn("fluent-bit:7"), 2, 2, List.of());
        daemon.put("schedulingStrategy", "DAEMON");
        daemon.remove("deploymentConfiguration");
        wm.stubFor(ecsCall("DescribeServices").willReturn(json(describedServices(List.of(
                service("web", taskDefArn("web:3"), 2, 2, List.of()), daemon)))));
        wm.stubFor(ecsCall("DescribeTaskDefinition").willReturn(json(taskDefinition(taskDefArn("web:3"), "bridge",
                "256", "512", List.of()))));
        wm.stubFor(ecsCall("ListTasks").willReturn(json(list("taskArns",
                List.of(taskArn("t1"), taskArn("t2"), taskArn("t3")), null))));
        wm.stubFor(ecsCall("DescribeTasks").willReturn(json(describedTasks(List.of(
                task("t1", "draining1", "service:web", "256", "512", List.of(taskContainer(null, null, null,
                        List.of(80)))),
                task("t2", "draining1", "family:batch-report", null, null, List.of(
                        taskContainer("128", "512", "256", List.of()), taskContainer("64", "300", null, List.of()))),
                task("t3", "draining1", "service:log-router", "64", "128", List.of()))))));

        ClusterState state = ecs.describe("production", TaskDetail.DRAINING);

        wm.verify(ecsRequested("ListTasks").withRequestBody(equalToJson("{\"cluster\":\"production\","
                + "\"containerInstance\":\"" + ciArn("draining1") + "\",\"desiredStatus\":\"RUNNING\","
                + "\"maxResults\":100}")));
        wm.verify(1, ecsRequested("ListTasks"));
        ContainerInstance draining = state.forEc2Instance("i-0d").orElseThrow();
        assertThat(draining.tasksKnown()).isTrue();
        assertThat(draining.tasks()).containsExactlyInAnyOrder(
                new TaskInfo(taskArn("t1"), TaskInfo.Kind.SERVICE, "web", new Resources(256, 512), java.util.Set.of(80)),
                new TaskInfo(taskArn("t2"), TaskInfo.Kind.STANDALONE, "", new Resources(192, 556), java.util.Set.of()),
                new TaskInfo(taskArn("t3"), TaskInfo.Kind.DAEMON, "log-router", new Resources(64, 128),
                        java.util.Set.of()));
        assertThat(draining.blockingTasks()).isEqualTo(2);
        ContainerInstance active = state.forEc2Instance("i-0a").orElseThrow();
        assertThat(active.tasksKnown()).isFalse();
        assertThat(active.tasks()).isEmpty();
    }

    @Test
    void allDetailListsEveryTaskOfTheClusterPageByPageAndGroupsThemByInstance() {
        wm.stubFor(ecsCall("ListContainerInstances").willReturn(json(list("containerInstanceArns",
                List.of(ciArn("one"), ciArn("two"), ciArn("idle")), null))));
        wm.stubFor(ecsCall("DescribeContainerInstances").willReturn(json(describedInstances(List.of(
                containerInstance("one", "i-01", "ACTIVE", AMI, 1024, 4096, List.of("22"), 101, 0),
                containerInstance("two", "i-02", "ACTIVE", AMI, 1024, 4096, List.of("22"), 1, 0),
                containerInstance("idle", "i-03", "ACTIVE", AMI, 2048, 7680, List.of("22"), 0, 0))))));
        noServices();
        List<String> page1 = IntStream.range(0, 100).mapToObj(i -> taskArn("p" + i)).toList();
        wm.stubFor(ecsCall("ListTasks").withRequestBody(equalToJson("{\"cluster\":\"production\","
                + "\"desiredStatus\":\"RUNNING\",\"maxResults\":100}")).willReturn(json(list("taskArns", page1, "t2"))));
        wm.stubFor(ecsCall("ListTasks").withRequestBody(containing("\"nextToken\":\"t2\""))
                .willReturn(json(list("taskArns", List.of(taskArn("q0"), taskArn("q1")), null))));
        wm.stubFor(ecsCall("DescribeTasks").withRequestBody(containing(taskArn("p0") + "\""))
                .willReturn(json(describedTasks(IntStream.range(0, 100).mapToObj(i -> task("p" + i, "one",
                        "family:batch", "10", "20", List.of())).toList()))));
        wm.stubFor(ecsCall("DescribeTasks").withRequestBody(containing(taskArn("q0") + "\""))
                .willReturn(json(describedTasks(List.of(task("q0", "one", "family:batch", "10", "20", List.of()),
                        task("q1", "two", "service:api", "10", "20", List.of()))))));

        ClusterState state = ecs.describe("production", TaskDetail.ALL);

        assertThat(stub.ecsRequests("DescribeTasks")).hasSize(2);
        assertThat(state.forEc2Instance("i-01").orElseThrow().tasks()).hasSize(101);
        assertThat(state.forEc2Instance("i-02").orElseThrow().tasks()).singleElement()
                .satisfies(t -> assertThat(t.kind()).isEqualTo(TaskInfo.Kind.SERVICE));
        assertThat(state.forEc2Instance("i-03").orElseThrow()).satisfies(ci -> {
            assertThat(ci.tasksKnown()).isTrue();
            assertThat(ci.tasks()).isEmpty();
        });
    }

    @Test
    void unknownClusterIsReportedAsClusterNotFoundAndNotRetried() {
        wm.stubFor(ecsCall("ListContainerInstances").willReturn(jsonError(400, "ClusterNotFoundException",
                "Cluster not found.")));

        assertThatThrownBy(() -> ecs.describe("nope", TaskDetail.NONE)).isInstanceOfSatisfying(ExternalCallFailed.class,
                e -> {
                    assertThat(e.operation()).isEqualTo("ListContainerInstances");
                    assertThat(e.code()).isEqualTo("ClusterNotFoundException");
                    assertThat(e.retryable()).isFalse();
                });
        wm.verify(1, ecsRequested("ListContainerInstances"));
    }

    @Test
    void throttlingIsRetriedWithBackoffUntilTheCallSucceeds() {
        wm.stubFor(ecsCall("ListContainerInstances").inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(jsonError(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("once"));
        wm.stubFor(ecsCall("ListContainerInstances").inScenario("throttled").whenScenarioStateIs("once")
                .willReturn(jsonError(400, "ThrottlingException", "Rate exceeded")).willSetStateTo("recovered"));
        wm.stubFor(ecsCall("ListContainerInstances").inScenario("throttled").whenScenarioStateIs("recovered")
                .willReturn(json(list("containerInstanceArns", List.of(), null))));
        noServices();

        ClusterState state = ecs.describe("production", TaskDetail.NONE);

        assertThat(state.instances()).isEmpty();
        wm.verify(3, ecsRequested("ListContainerInstances"));
    }

    @Test
    void throttlingThatOutlastsEveryAttemptIsARetryableFailure() {
        wm.stubFor(ecsCall("ListContainerInstances").willReturn(jsonError(400, "ThrottlingException",
                "Rate exceeded")));

        assertThatThrownBy(() -> ecs.describe("production", TaskDetail.NONE))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.code()).isEqualTo("ThrottlingException");
                    assertThat(e.retryable()).isTrue();
                });
        wm.verify(3, ecsRequested("ListContainerInstances"));
    }

    @Test
    void accessDeniedIsNotRetriedAndNamesTheOperation() {
        oneInstanceCluster("ACTIVE");
        wm.stubFor(ecsCall("ListServices").willReturn(jsonError(400, "AccessDeniedException",
                "User: arn:aws:sts::012345678910:assumed-role/operator/x is not authorized to perform: "
                        + "ecs:ListServices")));

        assertThatThrownBy(() -> ecs.describe("production", TaskDetail.NONE))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.operation()).isEqualTo("ListServices");
                    assertThat(e.code()).isEqualTo("AccessDeniedException");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).startsWith("ListServices failed: AccessDeniedException")
                            .contains("ecs:ListServices");
                });
        wm.verify(1, ecsRequested("ListServices"));
    }

    @Test
    void serverErrorsAreRetryable() {
        wm.stubFor(ecsCall("ListContainerInstances").willReturn(jsonError(500, "ServerException",
                "Service unavailable")));

        assertThatThrownBy(() -> ecs.describe("production", TaskDetail.NONE))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> assertThat(e.retryable()).isTrue());
        wm.verify(3, ecsRequested("ListContainerInstances"));
    }

    @Test
    void settingStateSendsAtMostTenInstancesPerCall() {
        wm.stubFor(ecsCall("UpdateContainerInstancesState").willReturn(json("{\"containerInstances\":[],"
                + "\"failures\":[]}")));
        List<String> arns = IntStream.range(0, 12).mapToObj(i -> ciArn("c" + i)).toList();

        ecs.setState("production", arns, ContainerInstance.Status.DRAINING);

        wm.verify(ecsRequested("UpdateContainerInstancesState").withRequestBody(equalToJson(EcsFixtures.json(map(
                "cluster", "production", "containerInstances", arns.subList(0, 10), "status", "DRAINING")))));
        wm.verify(ecsRequested("UpdateContainerInstancesState").withRequestBody(equalToJson(EcsFixtures.json(map(
                "cluster", "production", "containerInstances", arns.subList(10, 12), "status", "DRAINING")))));
        wm.verify(2, ecsRequested("UpdateContainerInstancesState"));
    }

    @Test
    void partialFailureOfAMissingInstanceIsSurfacedAsNotRetryable() {
        wm.stubFor(ecsCall("UpdateContainerInstancesState").willReturn(json(EcsFixtures.json(map(
                "containerInstances", List.of(containerInstance("ok", "i-1", "DRAINING", AMI, 2048, 7680, List.of(),
                        0, 0)),
                "failures", List.of(map("arn", ciArn("gone"), "reason", "MISSING")))))));

        assertThatThrownBy(() -> ecs.setState("production", List.of(ciArn("ok"), ciArn("gone")),
                ContainerInstance.Status.DRAINING)).isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.operation()).isEqualTo("UpdateContainerInstancesState");
                    assertThat(e.code()).isEqualTo("MISSING");
                    assertThat(e.getMessage()).contains(ciArn("gone"));
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void partialFailureOfAStillRegisteringInstanceIsRetryable() {
        wm.stubFor(ecsCall("UpdateContainerInstancesState").willReturn(json(EcsFixtures.json(map(
                "containerInstances", List.of(),
                "failures", List.of(map("arn", ciArn("new"), "reason", "INVALID",
                        "detail", "container instance is REGISTERING")))))));

        assertThatThrownBy(() -> ecs.setState("production", List.of(ciArn("new")), ContainerInstance.Status.ACTIVE))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("REGISTERING");
                });
    }

    @Test
    void onlyActiveAndDrainingCanBeSet() {
        assertThatThrownBy(() -> ecs.setState("production", List.of(ciArn("x")), ContainerInstance.Status.INACTIVE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INACTIVE");
        wm.verify(0, ecsRequested("UpdateContainerInstancesState"));
    }
}
