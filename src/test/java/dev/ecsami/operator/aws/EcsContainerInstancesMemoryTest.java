package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.TaskInfo;
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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static dev.ecsami.operator.aws.AwsStub.ecsCall;
import static dev.ecsami.operator.aws.AwsStub.ecsRequested;
import static dev.ecsami.operator.aws.AwsStub.json;
import static dev.ecsami.operator.aws.EcsFixtures.ciArn;
import static dev.ecsami.operator.aws.EcsFixtures.containerInstance;
import static dev.ecsami.operator.aws.EcsFixtures.describedTasks;
import static dev.ecsami.operator.aws.EcsFixtures.list;
import static dev.ecsami.operator.aws.EcsFixtures.map;
import static dev.ecsami.operator.aws.EcsFixtures.task;
import static dev.ecsami.operator.aws.EcsFixtures.taskArn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link EcsContainerInstances} remembers between reads: container instance ARNs (listed
 * cold, looked up when an expected instance is unknown, listed again when old), and the
 * descriptions of running tasks. What is remembered of services is tested in {@link EcsServiceStatesTest}.
 */
class EcsContainerInstancesMemoryTest {
    private static final String AMI = "ami-0a1b2c3d4e5f67890";
    private static final String CLUSTER = EcsFixtures.CLUSTER;

    @RegisterExtension
    static WireMockExtension wm = AwsStub.server();

    private static AwsClients clients;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private EcsContainerInstances ecs;

    @BeforeAll
    static void clients() {
        clients = new AwsStub(wm).clients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @BeforeEach
    void setUp() {
        ecs = new EcsContainerInstances(clients.ecs(), clock);
        wm.stubFor(ecsCall("ListServices").willReturn(json(list("serviceArns", List.of(), null))));
        lookUpFinds();
    }

    private static String ec2(String id) {
        return "i-0" + id;
    }

    private static Map<String, Object> instance(String id, String status) {
        return containerInstance(id, ec2(id), status, AMI, 1024, 4096, List.of("22"), 0, 0);
    }

    /** The cluster as a full listing shows it, and as Describe answers. */
    private static void registered(String... ids) {
        wm.stubFor(ecsCall("ListContainerInstances").withRequestBody(notContaining("filter"))
                .willReturn(json(list("containerInstanceArns", List.of(ids).stream().map(EcsFixtures::ciArn).toList(),
                        null))));
        described(List.of(ids).stream().map(id -> instance(id, "ACTIVE")).toList(), List.of());
    }

    private static void described(List<Map<String, Object>> instances, List<String> missing) {
        wm.stubFor(ecsCall("DescribeContainerInstances").willReturn(json(EcsFixtures.json(map(
                "containerInstances", instances,
                "failures", missing.stream().map(id -> map("arn", ciArn(id), "reason", "MISSING")).toList())))));
    }

    /** What a ListContainerInstances filtered by EC2 instance id answers. */
    private static void lookUpFinds(String... ids) {
        wm.stubFor(ecsCall("ListContainerInstances").withRequestBody(containing("\"filter\"")).atPriority(1)
                .willReturn(json(list("containerInstanceArns", List.of(ids).stream().map(EcsFixtures::ciArn).toList(),
                        null))));
    }

    private ClusterState readAfter(Duration wait, String... expectedIds) {
        clock.advance(wait);
        wm.resetRequests();
        return ecs.describe(CLUSTER, TaskDetail.NONE,
                List.of(expectedIds).stream().map(EcsContainerInstancesMemoryTest::ec2).collect(Collectors.toSet()));
    }

    private static int listings() {
        return wm.findAll(ecsRequested("ListContainerInstances").withRequestBody(notContaining("filter"))).size();
    }

    private static List<String> lookUps() {
        return wm.findAll(ecsRequested("ListContainerInstances").withRequestBody(containing("filter"))).stream()
                .map(r -> r.getBodyAsString()).toList();
    }

    private static Set<String> ec2Ids(ClusterState state) {
        return state.instances().stream().map(ContainerInstance::ec2InstanceId).collect(Collectors.toSet());
    }

    @Test
    void aColdReadListsTheClusterAndAWarmReadOnlyDescribesWhatItRemembers() {
        registered("aa", "bb");

        ClusterState cold = readAfter(Duration.ZERO, "aa", "bb");
        int coldListings = listings();
        ClusterState warm = readAfter(Duration.ofSeconds(15), "aa", "bb");

        assertThat(coldListings).isEqualTo(1);
        assertThat(ec2Ids(cold)).containsExactlyInAnyOrder(ec2("aa"), ec2("bb"));
        assertThat(ec2Ids(warm)).containsExactlyInAnyOrder(ec2("aa"), ec2("bb"));
        assertThat(listings()).isZero();
        assertThat(lookUps()).isEmpty();
        wm.verify(1, ecsRequested("DescribeContainerInstances").withRequestBody(containing(ciArn("aa")))
                .withRequestBody(containing(ciArn("bb"))));
    }

    @Test
    void anExpectedInstanceNotRegisteredIsLookedUpByIdAtMostEveryTenSecondsAndSeenOnceItRegisters() {
        registered("aa");
        readAfter(Duration.ZERO, "aa", "bb");

        ClusterState justListed = readAfter(Duration.ofSeconds(5), "aa", "bb");
        assertThat(lookUps()).isEmpty();
        ClusterState due = readAfter(Duration.ofSeconds(5), "aa", "bb");
        assertThat(lookUps()).singleElement().asString().contains("ec2InstanceId in ['" + ec2("bb") + "']");
        ClusterState tooSoon = readAfter(Duration.ofSeconds(9), "aa", "bb");
        assertThat(lookUps()).isEmpty();

        lookUpFinds("bb");
        described(List.of(instance("aa", "ACTIVE"), instance("bb", "ACTIVE")), List.of());
        ClusterState registeredNow = readAfter(Duration.ofSeconds(1), "aa", "bb");
        assertThat(lookUps()).hasSize(1);
        ClusterState afterwards = readAfter(Duration.ofSeconds(15), "aa", "bb");

        assertThat(List.of(justListed, due, tooSoon)).allSatisfy(s -> assertThat(ec2Ids(s)).containsOnly(ec2("aa")));
        assertThat(ec2Ids(registeredNow)).containsExactlyInAnyOrder(ec2("aa"), ec2("bb"));
        assertThat(ec2Ids(afterwards)).containsExactlyInAnyOrder(ec2("aa"), ec2("bb"));
        assertThat(lookUps()).isEmpty();
        assertThat(listings()).isZero();
        wm.verify(ecsRequested("DescribeContainerInstances").withRequestBody(containing(ciArn("bb"))));
    }

    @Test
    void moreUnknownInstancesThanOneLookUpNamesListTheClusterInstead() {
        registered("aa");
        readAfter(Duration.ZERO, "aa");
        String[] many = IntStream.range(0, RegisteredInstances.LOOK_UP_LIMIT + 1).mapToObj(i -> "b" + i)
                .toArray(String[]::new);

        readAfter(Duration.ofSeconds(15), many);

        assertThat(listings()).isEqualTo(1);
        assertThat(lookUps()).isEmpty();
    }

    @Test
    void anInstanceDescribedInactiveOrMissingIsLeftOutAndNotDescribedAgain() {
        registered("aa", "bb", "cc");
        readAfter(Duration.ZERO, "aa", "bb", "cc");
        described(List.of(instance("aa", "ACTIVE"), instance("bb", "INACTIVE")), List.of("cc"));

        ClusterState deregistered = readAfter(Duration.ofSeconds(15));
        ClusterState next = readAfter(Duration.ofSeconds(15));

        assertThat(ec2Ids(deregistered)).containsOnly(ec2("aa"));
        assertThat(ec2Ids(next)).containsOnly(ec2("aa"));
        assertThat(listings()).isZero();
        wm.verify(1, ecsRequested("DescribeContainerInstances").withRequestBody(containing(ciArn("aa")))
                .withRequestBody(notContaining(ciArn("bb"))).withRequestBody(notContaining(ciArn("cc"))));
    }

    @Test
    void theClusterIsListedAgainOnceItsListingIsFiveMinutesOld() {
        registered("aa");
        readAfter(Duration.ZERO, "aa");
        registered("aa", "other");
        wm.stubFor(ecsCall("DescribeContainerInstances").withRequestBody(notContaining(ciArn("other"))).atPriority(1)
                .willReturn(json(EcsFixtures.describedInstances(List.of(instance("aa", "ACTIVE"))))));

        ClusterState before = readAfter(RegisteredInstances.MAX_AGE.minusSeconds(1), "aa");
        int listingsBefore = listings();
        ClusterState at = readAfter(Duration.ofSeconds(1), "aa");

        assertThat(listingsBefore).isZero();
        assertThat(ec2Ids(before)).containsOnly(ec2("aa"));
        assertThat(listings()).isEqualTo(1);
        assertThat(ec2Ids(at)).containsExactlyInAnyOrder(ec2("aa"), ec2("other"));
    }

    @Test
    void aReadOfAllTasksListsTheClusterAndItsServicesEvenWhenWarm() {
        registered("aa");
        readAfter(Duration.ZERO, "aa");
        registered("aa", "other");
        wm.stubFor(ecsCall("ListTasks").willReturn(json(list("taskArns", List.of(), null))));

        clock.advance(Duration.ofSeconds(15));
        wm.resetRequests();
        ClusterState all = ecs.describe(CLUSTER, TaskDetail.ALL, Set.of(ec2("aa")));

        assertThat(ec2Ids(all)).containsExactlyInAnyOrder(ec2("aa"), ec2("other"));
        assertThat(listings()).isEqualTo(1);
        wm.verify(1, ecsRequested("ListServices"));
    }

    @Test
    void theTasksOfADrainingInstanceAreDescribedOnceForTheWholeDrain() {
        registered("dd");
        described(List.of(instance("dd", "DRAINING")), List.of());
        wm.stubFor(ecsCall("ListTasks").willReturn(json(list("taskArns", List.of(taskArn("t1"), taskArn("t2")),
                null))));
        wm.stubFor(ecsCall("DescribeTasks").willReturn(json(describedTasks(List.of(
                task("t1", "dd", "family:batch", "128", "256", List.of()),
                task("t2", "dd", "family:batch", "128", "256", List.of()))))));
        ecs.describe(CLUSTER, TaskDetail.DRAINING, Set.of(ec2("dd")));

        wm.stubFor(ecsCall("ListTasks").willReturn(json(list("taskArns", List.of(taskArn("t2")), null))));
        clock.advance(Duration.ofSeconds(15));
        wm.resetRequests();
        ClusterState oneLeft = ecs.describe(CLUSTER, TaskDetail.DRAINING, Set.of(ec2("dd")));
        wm.verify(0, ecsRequested("DescribeTasks"));

        wm.stubFor(ecsCall("ListTasks").willReturn(json(list("taskArns", List.of(taskArn("t2"), taskArn("t3")),
                null))));
        wm.stubFor(ecsCall("DescribeTasks").willReturn(json(describedTasks(List.of(
                task("t3", "dd", "family:batch", "64", "64", List.of()))))));
        ClusterState oneNew = ecs.describe(CLUSTER, TaskDetail.DRAINING, Set.of(ec2("dd")));

        assertThat(oneLeft.instances().get(0).tasks()).extracting(TaskInfo::taskArn).containsExactly(taskArn("t2"));
        assertThat(oneNew.instances().get(0).tasks()).extracting(TaskInfo::taskArn)
                .containsExactly(taskArn("t2"), taskArn("t3"));
        wm.verify(1, ecsRequested("DescribeTasks").withRequestBody(containing(taskArn("t3")))
                .withRequestBody(notContaining(taskArn("t2"))));
    }
}
