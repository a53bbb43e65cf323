package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static dev.ecsami.operator.aws.AwsStub.ecsCall;
import static dev.ecsami.operator.aws.AwsStub.ecsRequested;
import static dev.ecsami.operator.aws.AwsStub.json;
import static dev.ecsami.operator.aws.EcsFixtures.containerDefinition;
import static dev.ecsami.operator.aws.EcsFixtures.deployment;
import static dev.ecsami.operator.aws.EcsFixtures.describedServices;
import static dev.ecsami.operator.aws.EcsFixtures.list;
import static dev.ecsami.operator.aws.EcsFixtures.map;
import static dev.ecsami.operator.aws.EcsFixtures.portMapping;
import static dev.ecsami.operator.aws.EcsFixtures.service;
import static dev.ecsami.operator.aws.EcsFixtures.serviceArn;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefArn;
import static dev.ecsami.operator.aws.EcsFixtures.taskDefinition;
import static org.assertj.core.api.Assertions.assertThat;

class EcsServiceStatesTest {
    @RegisterExtension
    static WireMockExtension wm = AwsStub.server();

    private final AwsStub stub = new AwsStub(wm);
    private static AwsClients clients;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private EcsContainerInstances ecs;

    @BeforeEach
    void setUp() {
        ecs = new EcsContainerInstances(clients.ecs(), clock);
        wm.stubFor(ecsCall("ListContainerInstances").willReturn(json(list("containerInstanceArns", List.of(), null))));
    }

    @BeforeAll
    static void clients() {
        clients = new AwsStub(wm).clients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    private void services(List<Map<String, Object>> services) {
        wm.stubFor(ecsCall("ListServices").willReturn(json(list("serviceArns",
                services.stream().map(s -> (String) s.get("serviceArn")).toList(), null))));
        wm.stubFor(ecsCall("DescribeServices").willReturn(json(describedServices(services))));
    }

    private void taskDefinitionFor(String arn, String body) {
        wm.stubFor(ecsCall("DescribeTaskDefinition").withRequestBody(containing(arn)).willReturn(json(body)));
    }

    private ServiceState only() {
        return ecs.describe("production", TaskDetail.NONE).services().get(0);
    }

    @Test
    void steadyReplicaServiceTakesItsNeedAndStaticHostPortsFromItsTaskDefinition() {
        String td = taskDefArn("web:3");
        services(List.of(service("web", td, 3, 3, List.of(deployment("PRIMARY", "COMPLETED", td)))));
        taskDefinitionFor(td, taskDefinition(td, "bridge", "512", "1024", List.of(
                containerDefinition("app", 256, null, 512, List.of(portMapping(8080, 80), portMapping(9090, 0))),
                containerDefinition("sidecar", 128, 256, null, List.of()))));

        ServiceState web = only();

        assertThat(web).isEqualTo(new ServiceState("web", 3, 3, 0, 0, 50, 200, false, false,
                new Resources(512, 1024), java.util.Set.of(80)));
        assertThat(web.steady()).isTrue();
        wm.verify(ecsRequested("DescribeTaskDefinition").withRequestBody(equalToJson("{\"taskDefinition\":\""
                + td + "\"}")));
    }

    @Test
    void taskDefinitionWithoutTaskLevelSizesReservesWhatItsContainersDo() {
        String td = taskDefArn("api:9");
        services(List.of(service("api", td, 1, 1, List.of())));
        taskDefinitionFor(td, taskDefinition(td, "host", null, null, List.of(
                containerDefinition("app", 256, 1024, 512, List.of(map("containerPort", 8443, "protocol", "tcp"))),
                containerDefinition("agent", 128, 256, null, List.of()))));

        ServiceState api = only();

        assertThat(api.taskNeed()).isEqualTo(new Resources(384, 768));
        assertThat(api.hostPorts()).containsExactly(8443);
    }

    @Test
    void awsvpcTasksBindNoHostPorts() {
        String td = taskDefArn("grpc:1");
        services(List.of(service("grpc", td, 1, 1, List.of())));
        taskDefinitionFor(td, taskDefinition(td, "awsvpc", "256", "512", List.of(
                containerDefinition("app", null, null, null, List.of(portMapping(50051, 50051))))));

        assertThat(only().hostPorts()).isEmpty();
    }

    @Test
    void deploymentsOtherThanACompletedPrimaryCountAsInProgress() {
        String td = taskDefArn("web:4");
        Map<String, Object> rolling = service("rolling", td, 2, 2, List.of(
                deployment("PRIMARY", "IN_PROGRESS", td), deployment("ACTIVE", "COMPLETED", taskDefArn("web:3"))));
        Map<String, Object> starting = service("starting", td, 2, 1, List.of(deployment("PRIMARY", "IN_PROGRESS", td)));
        Map<String, Object> settled = service("settled", td, 2, 2, List.of(deployment("PRIMARY", "COMPLETED", td)));
        services(List.of(rolling, starting, settled));
        taskDefinitionFor(td, taskDefinition(td, "bridge", "256", "512", List.of()));

        Map<String, Integer> inProgress = new java.util.HashMap<>();
        ecs.describe("production", TaskDetail.NONE).services()
                .forEach(s -> inProgress.put(s.name(), s.deploymentsInProgress()));

        assertThat(inProgress).containsExactlyInAnyOrderEntriesOf(Map.of("rolling", 2, "starting", 1, "settled", 0));
    }

    @Test
    void daemonServicesDefaultToZeroAndOneHundredPercentAndDistinctInstanceIsRecognised() {
        String td = taskDefArn("agent:2");
        Map<String, Object> daemon = service("agent", td, 4, 4, List.of());
        daemon.put("schedulingStrategy", "DAEMON");
        daemon.remove("deploymentConfiguration");
        Map<String, Object> spread = service("singleton", td, 2, 2, List.of());
        spread.remove("deploymentConfiguration");
        spread.put("placementConstraints", List.of(map("type", "distinctInstance")));
        services(List.of(daemon, spread));
        taskDefinitionFor(td, taskDefinition(td, "bridge", "128", "128", List.of()));

        List<ServiceState> states = ecs.describe("production", TaskDetail.NONE).services();

        assertThat(states).satisfiesExactly(
                agent -> {
                    assertThat(agent.daemon()).isTrue();
                    assertThat(agent.minimumHealthyPercent()).isZero();
                    assertThat(agent.maximumPercent()).isEqualTo(100);
                },
                singleton -> {
                    assertThat(singleton.distinctInstance()).isTrue();
                    assertThat(singleton.minimumHealthyPercent()).isEqualTo(100);
                    assertThat(singleton.maximumPercent()).isEqualTo(200);
                });
    }

    @Test
    void fargateServicesAreLeftOutBecauseADrainCannotTouchThem() {
        String td = taskDefArn("web:3");
        Map<String, Object> fargate = service("serverless", td, 2, 2, List.of());
        fargate.put("launchType", "FARGATE");
        Map<String, Object> spot = service("spot", td, 2, 2, List.of());
        spot.remove("launchType");
        spot.put("capacityProviderStrategy", List.of(map("capacityProvider", "FARGATE_SPOT", "weight", 1)));
        services(List.of(fargate, spot, service("web", td, 2, 2, List.of())));
        taskDefinitionFor(td, taskDefinition(td, "bridge", "256", "512", List.of()));

        assertThat(ecs.describe("production", TaskDetail.NONE).services()).extracting(ServiceState::name)
                .containsExactly("web");
    }

    @Test
    void aTaskDefinitionIsDescribedOnceAcrossReads() {
        String td = taskDefArn("web:3");
        services(List.of(service("a", td, 1, 1, List.of()), service("b", td, 1, 1, List.of())));
        taskDefinitionFor(td, taskDefinition(td, "bridge", "256", "512", List.of()));

        ecs.describe("production", TaskDetail.NONE);
        ecs.describe("production", TaskDetail.NONE);

        wm.verify(1, ecsRequested("DescribeTaskDefinition"));
        wm.verify(2, ecsRequested("DescribeServices"));
    }

    @Test
    void servicesAreDescribedTenAtATime() {
        String td = taskDefArn("web:3");
        List<String> arns = IntStream.range(0, 23).mapToObj(i -> serviceArn("svc" + i)).toList();
        wm.stubFor(ecsCall("ListServices").willReturn(json(list("serviceArns", arns, null))));
        wm.stubFor(ecsCall("DescribeServices").willReturn(json(describedServices(List.of()))));
        taskDefinitionFor(td, taskDefinition(td, "bridge", "256", "512", List.of()));

        ecs.describe("production", TaskDetail.NONE);

        wm.verify(ecsRequested("ListServices").withRequestBody(equalToJson(
                "{\"cluster\":\"production\",\"maxResults\":100}")));
        wm.verify(ecsRequested("DescribeServices").withRequestBody(equalToJson(EcsFixtures.json(map(
                "cluster", "production", "services", arns.subList(20, 23))))));
        wm.verify(3, ecsRequested("DescribeServices"));
    }
    /** What ListServices shows, and what DescribeServices answers, MISSING failures included. */
    private static void listedAndDescribed(List<String> listed, List<Map<String, Object>> described,
                                           List<String> missing) {
        wm.stubFor(ecsCall("ListServices").willReturn(json(list("serviceArns",
                listed.stream().map(EcsFixtures::serviceArn).toList(), null))));
        wm.stubFor(ecsCall("DescribeServices").willReturn(json(EcsFixtures.json(map("services", described,
                "failures", missing.stream().map(n -> map("arn", serviceArn(n), "reason", "MISSING")).toList())))));
    }

    private static Map<String, Object> withStatus(String name, String status) {
        Map<String, Object> s = service(name, taskDefArn("web:3"), 2, 2, List.of());
        s.put("status", status);
        return s;
    }

    private List<String> namesReadAfter(Duration wait) {
        clock.advance(wait);
        wm.resetRequests();
        return ecs.describe("production", TaskDetail.NONE).services().stream().map(ServiceState::name).toList();
    }

    @Test
    void serviceArnsAreRememberedAndListedAgainOnceTheListingIsTwoMinutesOld() {
        taskDefinitionFor(taskDefArn("web:3"), taskDefinition(taskDefArn("web:3"), "bridge", "256", "512", List.of()));
        listedAndDescribed(List.of("web"), List.of(withStatus("web", "ACTIVE")), List.of());
        namesReadAfter(Duration.ZERO);
        listedAndDescribed(List.of("web", "api"), List.of(withStatus("web", "ACTIVE"), withStatus("api", "ACTIVE")),
                List.of());
        wm.stubFor(ecsCall("DescribeServices").withRequestBody(notContaining(serviceArn("api"))).atPriority(1)
                .willReturn(json(describedServices(List.of(withStatus("web", "ACTIVE"))))));

        List<String> warm = namesReadAfter(EcsServices.MAX_AGE.minusSeconds(1));
        int warmListings = stub.ecsRequests("ListServices").size();
        List<String> aged = namesReadAfter(Duration.ofSeconds(1));

        assertThat(warm).containsExactly("web");
        assertThat(warmListings).isZero();
        assertThat(aged).containsExactly("web", "api");
        wm.verify(1, ecsRequested("ListServices"));
    }

    @Test
    void aServiceDescribedMissingOrInactiveIsLeftOutAndTheNextReadListsAgain() {
        taskDefinitionFor(taskDefArn("web:3"), taskDefinition(taskDefArn("web:3"), "bridge", "256", "512", List.of()));
        listedAndDescribed(List.of("web", "old", "gone"), List.of(withStatus("web", "ACTIVE"),
                withStatus("old", "ACTIVE"), withStatus("gone", "ACTIVE")), List.of());
        namesReadAfter(Duration.ZERO);
        listedAndDescribed(List.of("web", "new"), List.of(withStatus("web", "ACTIVE"), withStatus("old", "INACTIVE")),
                List.of("gone"));

        List<String> deleted = namesReadAfter(Duration.ofSeconds(15));
        int listingsThen = stub.ecsRequests("ListServices").size();
        listedAndDescribed(List.of("web", "new"), List.of(withStatus("web", "ACTIVE"), withStatus("new", "ACTIVE")),
                List.of());
        List<String> next = namesReadAfter(Duration.ofSeconds(15));

        assertThat(deleted).containsExactly("web");
        assertThat(listingsThen).isZero();
        assertThat(next).containsExactly("web", "new");
        wm.verify(1, ecsRequested("ListServices"));
    }
}
