package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.GroupSurroundings.CapacityProvider;
import dev.ecsami.operator.core.fleet.GroupSurroundings.LifecycleHook;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScalingPolicy;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScheduledAction;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static dev.ecsami.operator.aws.AsgFixtures.GROUP;
import static dev.ecsami.operator.aws.AsgFixtures.group;
import static dev.ecsami.operator.aws.AsgFixtures.groupArn;
import static dev.ecsami.operator.aws.AsgFixtures.groups;
import static dev.ecsami.operator.aws.AsgFixtures.launchConfiguration;
import static dev.ecsami.operator.aws.AsgFixtures.launchTemplate;
import static dev.ecsami.operator.aws.AsgFixtures.lifecycleHook;
import static dev.ecsami.operator.aws.AsgFixtures.members;
import static dev.ecsami.operator.aws.AsgFixtures.mixedInstancesPolicy;
import static dev.ecsami.operator.aws.AsgFixtures.policies;
import static dev.ecsami.operator.aws.AsgFixtures.policy;
import static dev.ecsami.operator.aws.AsgFixtures.scheduledAction;
import static dev.ecsami.operator.aws.AsgFixtures.scheduledActions;
import static dev.ecsami.operator.aws.AwsStub.asg;
import static dev.ecsami.operator.aws.AwsStub.asgError;
import static dev.ecsami.operator.aws.AwsStub.ecsCall;
import static dev.ecsami.operator.aws.AwsStub.ecsRequested;
import static dev.ecsami.operator.aws.AwsStub.json;
import static dev.ecsami.operator.aws.AwsStub.queryCall;
import static dev.ecsami.operator.aws.EcsFixtures.CLUSTER;
import static dev.ecsami.operator.aws.EcsFixtures.capacityProvider;
import static dev.ecsami.operator.aws.EcsFixtures.cluster;
import static dev.ecsami.operator.aws.EcsFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsGroupNeighboursTest {
    private static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";

    @RegisterExtension
    static AwsEndpoint wm = AwsStub.server();

    private final AwsStub stub = wm.stub();
    private final AwsGroupNeighbours neighbours = new AwsGroupNeighbours(wm.clients().autoScaling(),
            wm.clients().ecs());

    /** A quiet group: no policy, schedule, hook or capacity provider, alone on its template. */
    private void quietGroup() {
        wm.stubFor(queryCall("DescribePolicies").willReturn(asg("DescribePolicies", policies(null))));
        wm.stubFor(queryCall("DescribeScheduledActions").willReturn(asg("DescribeScheduledActions",
                scheduledActions(null))));
        wm.stubFor(queryCall("DescribeLifecycleHooks").willReturn(asg("DescribeLifecycleHooks",
                "<LifecycleHooks/>")));
        wm.stubFor(queryCall("DescribeAutoScalingGroups").willReturn(asg("DescribeAutoScalingGroups",
                groups(group(GROUP, 1, 4, 2, launchTemplate("$Default"), "", "")))));
        clusterHas(List.of());
    }

    private void clusterHas(List<String> capacityProviders) {
        wm.stubFor(ecsCall("DescribeClusters").willReturn(json(EcsFixtures.json(map("clusters",
                List.of(cluster(CLUSTER, capacityProviders)), "failures", List.of())))));
    }

    private static String providers(String nextToken, List<Map<String, Object>> providers) {
        return EcsFixtures.json(map("capacityProviders", providers, "failures", List.of(), "nextToken", nextToken));
    }

    @Test
    void readsPoliciesSchedulesHooksAndTheCapacityProviderFromReferenceShapedAnswers() {
        quietGroup();
        wm.stubFor(queryCall("DescribePolicies").willReturn(asg("DescribePolicies", policies("p2",
                policy("cpu50", "TargetTrackingScaling", true)))));
        wm.stubFor(queryCall("DescribePolicies").withRequestBody(containing("NextToken=p2")).willReturn(asg(
                "DescribePolicies", policies(null, policy("burst", "StepScaling", false)))));
        wm.stubFor(queryCall("DescribeScheduledActions").willReturn(asg("DescribeScheduledActions",
                scheduledActions(null, scheduledAction("nightly", "2026-12-06T22:00:00Z", "0 22 * * *", null, null, 2),
                        scheduledAction("peak", "2026-12-24T08:00:00Z", null, 4, 12, null)))));
        wm.stubFor(queryCall("DescribeLifecycleHooks").willReturn(asg("DescribeLifecycleHooks", "<LifecycleHooks>"
                + members(lifecycleHook("ecs-managed-draining-termination-hook", TERMINATING, 172800, "CONTINUE"),
                lifecycleHook("ship-logs", TERMINATING, 300, "ABANDON")) + "</LifecycleHooks>")));
        clusterHas(List.of("FARGATE", "web-cp", "prod-cp"));
        wm.stubFor(ecsCall("DescribeCapacityProviders").willReturn(json(providers(null, List.of(
                capacityProvider("web-cp", groupArn("web-asg"), "ENABLED", 100, "DISABLED", "ENABLED"),
                capacityProvider("prod-cp", groupArn(GROUP), "ENABLED", 90, "ENABLED", "ENABLED"))))));

        GroupSurroundings around = neighbours.read(GROUP, CLUSTER);

        assertThat(around.scalingPolicies()).containsExactly(new ScalingPolicy("cpu50", "TargetTrackingScaling", true),
                new ScalingPolicy("burst", "StepScaling", false));
        assertThat(around.scheduledActions()).containsExactly(
                new ScheduledAction("nightly", Instant.parse("2026-12-06T22:00:00Z"), "0 22 * * *", 2, null, null),
                new ScheduledAction("peak", Instant.parse("2026-12-24T08:00:00Z"), null, null, 4, 12));
        assertThat(around.lifecycleHooks()).containsExactly(
                new LifecycleHook("ecs-managed-draining-termination-hook", TERMINATING, Duration.ofHours(48),
                        "CONTINUE"),
                new LifecycleHook("ship-logs", TERMINATING, Duration.ofMinutes(5), "ABANDON"));
        assertThat(around.capacityProvider()).contains(new CapacityProvider("prod-cp", true, 90, true, true));
        assertThat(around.launchTemplateSharedWith()).isEmpty();

        assertThat(stub.queryParams("DescribePolicies")).containsExactly(
                Map.of("Action", "DescribePolicies", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                        "MaxRecords", "100"),
                Map.of("Action", "DescribePolicies", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                        "MaxRecords", "100", "NextToken", "p2"));
        assertThat(stub.queryParams("DescribeScheduledActions")).containsExactly(Map.of("Action",
                "DescribeScheduledActions", "Version", "2011-01-01", "AutoScalingGroupName", GROUP, "MaxRecords",
                "100"));
        assertThat(stub.queryParams("DescribeLifecycleHooks")).containsExactly(Map.of("Action",
                "DescribeLifecycleHooks", "Version", "2011-01-01", "AutoScalingGroupName", GROUP));
        assertThat(stub.queryParams("DescribeAutoScalingGroups")).containsExactly(Map.of("Action",
                "DescribeAutoScalingGroups", "Version", "2011-01-01", "MaxRecords", "100"));
        wm.verify(1, ecsRequested("DescribeClusters").withRequestBody(equalToJson("{\"clusters\":[\"production\"]}")));
        wm.verify(1, ecsRequested("DescribeCapacityProviders").withRequestBody(equalToJson(
                "{\"capacityProviders\":[\"web-cp\",\"prod-cp\"],\"maxResults\":10}")));
    }

    @Test
    void otherGroupsFollowingTheSameTemplateThroughDefaultOrLatestAreFoundAcrossPages() {
        quietGroup();
        wm.stubFor(queryCall("DescribeAutoScalingGroups").willReturn(asg("DescribeAutoScalingGroups", groups(
                group(GROUP, 1, 4, 2, launchTemplate("$Default"), "", ""),
                group("web-asg", 1, 4, 2, launchTemplate(null), "", ""),
                group("pinned-asg", 1, 4, 2, launchTemplate("7"), "", "")) + "<NextToken>g2</NextToken>")));
        wm.stubFor(queryCall("DescribeAutoScalingGroups").withRequestBody(containing("NextToken=g2")).willReturn(asg(
                "DescribeAutoScalingGroups", groups(
                        group("batch-asg", 0, 4, 0, mixedInstancesPolicy("$Latest", members(
                                "<InstanceType>m5.large</InstanceType>")), "", ""),
                        group("legacy-asg", 1, 2, 1, launchConfiguration("legacy-lc"), "", "")))));

        assertThat(neighbours.read(GROUP, CLUSTER).launchTemplateSharedWith()).containsExactly("batch-asg", "web-asg");
        assertThat(stub.queryParams("DescribeAutoScalingGroups")).extracting(p -> p.get("NextToken"))
                .containsExactly(null, "g2");
    }

    @Test
    void aCapacityProviderNamingTheGroupByNameIsFoundAcrossPages() {
        quietGroup();
        clusterHas(List.of("a", "b"));
        wm.stubFor(ecsCall("DescribeCapacityProviders").willReturn(json(providers("t2", List.of(
                capacityProvider("a", groupArn("other"), null, null, "DISABLED", "DISABLED"))))));
        wm.stubFor(ecsCall("DescribeCapacityProviders").withRequestBody(containing("\"nextToken\":\"t2\""))
                .willReturn(json(providers(null, List.of(
                        capacityProvider("b", GROUP, "DISABLED", 100, "DISABLED", "DISABLED"))))));

        assertThat(neighbours.read(GROUP, CLUSTER).capacityProvider())
                .contains(new CapacityProvider("b", false, 0, false, false));
        wm.verify(2, ecsRequested("DescribeCapacityProviders"));
    }

    @Test
    void aClusterWithoutCapacityProvidersCostsNoDescribeCapacityProviders() {
        quietGroup();

        assertThat(neighbours.read(GROUP, CLUSTER).capacityProvider()).isEmpty();
        wm.verify(0, ecsRequested("DescribeCapacityProviders"));
    }

    @Test
    void aMissingClusterHasNoCapacityProvider() {
        quietGroup();
        wm.stubFor(ecsCall("DescribeClusters").willReturn(json(EcsFixtures.json(map("clusters", List.of(),
                "failures", List.of(map("arn", "arn:aws:ecs:us-east-1:012345678910:cluster/" + CLUSTER,
                        "reason", "MISSING")))))));

        assertThat(neighbours.read(GROUP, CLUSTER).capacityProvider()).isEqualTo(Optional.empty());
    }

    @Test
    void aRefusedReadNamesTheOperationAndIsNotRetried() {
        quietGroup();
        wm.stubFor(queryCall("DescribeLifecycleHooks").willReturn(asgError(403, "AccessDenied", "User: arn:aws:sts::"
                + "012345678910:assumed-role/operator/x is not authorized to perform: "
                + "autoscaling:DescribeLifecycleHooks")));

        assertThatThrownBy(() -> neighbours.read(GROUP, CLUSTER)).isInstanceOfSatisfying(ExternalCallFailed.class,
                e -> {
                    assertThat(e.operation()).isEqualTo("DescribeLifecycleHooks");
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.retryable()).isFalse();
                });
    }
}
