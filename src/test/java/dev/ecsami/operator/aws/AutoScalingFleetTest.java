package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.ecsami.operator.aws.AsgFixtures.GROUP;
import static dev.ecsami.operator.aws.AsgFixtures.OLD_AMI;
import static dev.ecsami.operator.aws.AsgFixtures.TEMPLATE;
import static dev.ecsami.operator.aws.AsgFixtures.group;
import static dev.ecsami.operator.aws.AsgFixtures.groups;
import static dev.ecsami.operator.aws.AsgFixtures.instance;
import static dev.ecsami.operator.aws.AsgFixtures.launchConfiguration;
import static dev.ecsami.operator.aws.AsgFixtures.launchTemplate;
import static dev.ecsami.operator.aws.AsgFixtures.members;
import static dev.ecsami.operator.aws.AsgFixtures.mixedInstancesPolicy;
import static dev.ecsami.operator.aws.AsgFixtures.suspended;
import static dev.ecsami.operator.aws.AsgFixtures.templateVersion;
import static dev.ecsami.operator.aws.AsgFixtures.templateVersions;
import static dev.ecsami.operator.aws.AsgFixtures.withCapacitySettings;
import static dev.ecsami.operator.aws.AwsStub.asg;
import static dev.ecsami.operator.aws.AwsStub.asgEmpty;
import static dev.ecsami.operator.aws.AwsStub.asgError;
import static dev.ecsami.operator.aws.AwsStub.ec2;
import static dev.ecsami.operator.aws.AwsStub.ec2Error;
import static dev.ecsami.operator.aws.AwsStub.queryCall;
import static dev.ecsami.operator.aws.AwsStub.queryRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutoScalingFleetTest {
    @RegisterExtension
    static AwsEndpoint wm = AwsStub.server();

    private final AwsStub stub = wm.stub();
    private final AutoScalingFleet fleet = new AutoScalingFleet(wm.clients().autoScaling(), wm.clients().ec2());

    private void groupIs(String groupXml) {
        wm.stubFor(queryCall("DescribeAutoScalingGroups").willReturn(asg("DescribeAutoScalingGroups",
                groups(groupXml))));
    }

    private void templateVersionIs(long number, String imageId) {
        wm.stubFor(queryCall("DescribeLaunchTemplateVersions").willReturn(ec2("DescribeLaunchTemplateVersions",
                templateVersions(null, templateVersion(number, true, imageId, "base", "")))));
    }

    @Test
    void groupFollowingDefaultTemplateVersionReportsTheResolvedVersionItsImageAndItsInstances() {
        groupIs(group(GROUP, 2, 6, 3, launchTemplate("$Default"), members(
                instance("i-0aaa", "us-east-1a", "InService", "Healthy", launchTemplate("7")),
                instance("i-0bbb", "us-east-1b", "InService", "Unhealthy", launchTemplate("6")),
                instance("i-0ccc", "us-east-1a", "Pending:Wait", "Healthy", launchTemplate("7"))),
                suspended("AZRebalance")));
        templateVersionIs(7, OLD_AMI);

        GroupState state = fleet.describe(GROUP);

        assertThat(state).isEqualTo(new GroupState(GROUP, 3, 2, 6, TEMPLATE + ":7", OLD_AMI, List.of(
                new GroupInstance("i-0aaa", "us-east-1a", Lifecycle.IN_SERVICE, TEMPLATE + ":7", true),
                new GroupInstance("i-0bbb", "us-east-1b", Lifecycle.IN_SERVICE, TEMPLATE + ":6", false),
                new GroupInstance("i-0ccc", "us-east-1a", Lifecycle.PENDING, TEMPLATE + ":7", true)),
                Set.of("AZRebalance"), GroupState.UNITS, false, List.of("Default"), List.of("us-east-1a", "us-east-1b")));
        assertThat(stub.queryParams("DescribeAutoScalingGroups")).singleElement().isEqualTo(Map.of(
                "Action", "DescribeAutoScalingGroups", "Version", "2011-01-01",
                "AutoScalingGroupNames.member.1", GROUP));
        assertThat(stub.queryParams("DescribeLaunchTemplateVersions")).singleElement().isEqualTo(Map.of(
                "Action", "DescribeLaunchTemplateVersions", "Version", "2016-11-15",
                "LaunchTemplateId", TEMPLATE, "LaunchTemplateVersion.1", "$Default"));
    }

    @Test
    void groupWithoutATemplateVersionFollowsTheDefault() {
        groupIs(group(GROUP, 1, 3, 1, launchTemplate(null), "", ""));
        templateVersionIs(2, OLD_AMI);

        assertThat(fleet.describe(GROUP).launchRef()).isEqualTo(TEMPLATE + ":2");
        assertThat(stub.queryParams("DescribeLaunchTemplateVersions").get(0))
                .containsEntry("LaunchTemplateVersion.1", "$Default");
    }

    @Test
    void mixedInstancesPolicyTemplateIsTheGroupsLaunchSpecification() {
        groupIs(group(GROUP, 1, 3, 1, mixedInstancesPolicy("$Latest", members("<InstanceType>m5.large"
                + "</InstanceType>", "<InstanceType>m6i.large</InstanceType>")), "", ""));
        templateVersionIs(12, OLD_AMI);

        GroupState state = fleet.describe(GROUP);

        assertThat(state.launchRef()).isEqualTo(TEMPLATE + ":12");
        assertThat(state.launchImageId()).isEqualTo(OLD_AMI);
        assertThat(stub.queryParams("DescribeLaunchTemplateVersions").get(0))
                .containsEntry("LaunchTemplateVersion.1", "$Latest");
    }

    @Test
    void launchConfigurationGroupReportsTheConfigurationNameAndItsImage() {
        groupIs(group(GROUP, 1, 3, 2, launchConfiguration("ecs-prod-lc"), members(
                instance("i-0aaa", "us-east-1a", "InService", "Healthy", launchConfiguration("ecs-prod-lc")),
                instance("i-0bbb", "us-east-1b", "Terminating:Wait", "Healthy",
                        launchConfiguration("ecs-prod-lc-old"))), ""));
        wm.stubFor(queryCall("DescribeLaunchConfigurations").willReturn(asg("DescribeLaunchConfigurations",
                "<LaunchConfigurations>" + members(LaunchConfigurationFixtures.fullConfiguration("ecs-prod-lc",
                        OLD_AMI)) + "</LaunchConfigurations>")));

        GroupState state = fleet.describe(GROUP);

        assertThat(state.launchRef()).isEqualTo("ecs-prod-lc");
        assertThat(state.launchImageId()).isEqualTo(OLD_AMI);
        assertThat(state.instances()).extracting(GroupInstance::launchRef, GroupInstance::lifecycle).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ecs-prod-lc", Lifecycle.IN_SERVICE),
                org.assertj.core.groups.Tuple.tuple("ecs-prod-lc-old", Lifecycle.TERMINATING_WAIT));
        assertThat(stub.queryParams("DescribeLaunchConfigurations").get(0))
                .containsEntry("LaunchConfigurationNames.member.1", "ecs-prod-lc");
        wm.verify(0, queryRequested("DescribeLaunchTemplateVersions"));
    }

    @Test
    void templateThatResolvesItsImageFromSsmAtLaunchReportsNoImage() {
        groupIs(group(GROUP, 1, 3, 1, launchTemplate("$Latest"), "", ""));
        templateVersionIs(4, "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");

        GroupState state = fleet.describe(GROUP);

        assertThat(state.launchImageId()).isEmpty();
        assertThat(state.launchRef()).isEqualTo(TEMPLATE + ":4");
    }

    @Test
    void instanceReportedWithASymbolicVersionHasAnUnknownLaunchRef() {
        groupIs(group(GROUP, 1, 3, 1, launchTemplate("$Latest"), members(
                instance("i-0aaa", "us-east-1a", "InService", "Healthy", launchTemplate("$Latest"))), ""));
        templateVersionIs(4, OLD_AMI);

        assertThat(fleet.describe(GROUP).instances()).singleElement()
                .satisfies(i -> assertThat(i.launchRef()).isEmpty());
    }

    @Test
    void unknownGroupIsNotFound() {
        wm.stubFor(queryCall("DescribeAutoScalingGroups").willReturn(asg("DescribeAutoScalingGroups",
                "<AutoScalingGroups/>")));

        assertThatThrownBy(() -> fleet.describe("nope")).isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
            assertThat(e.operation()).isEqualTo("DescribeAutoScalingGroups");
            assertThat(e.code()).isEqualTo("NotFound");
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("'nope'");
        });
    }

    @Test
    void templateTheOperatorMayNotReadIsANonRetryableFailure() {
        groupIs(group(GROUP, 1, 3, 1, launchTemplate("$Default"), "", ""));
        wm.stubFor(queryCall("DescribeLaunchTemplateVersions").willReturn(ec2Error(403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.")));

        assertThatThrownBy(() -> fleet.describe(GROUP)).isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
            assertThat(e.operation()).isEqualTo("DescribeLaunchTemplateVersions");
            assertThat(e.code()).isEqualTo("UnauthorizedOperation");
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void throttledDescribeIsRetriedUntilItSucceeds() {
        wm.stubFor(queryCall("DescribeAutoScalingGroups").inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(asgError(400, "Throttling", "Rate exceeded")).willSetStateTo("ok"));
        wm.stubFor(queryCall("DescribeAutoScalingGroups").inScenario("t").whenScenarioStateIs("ok")
                .willReturn(asg("DescribeAutoScalingGroups", groups(group(GROUP, 1, 3, 1, launchTemplate("3"), "",
                        "")))));
        templateVersionIs(3, OLD_AMI);

        assertThat(fleet.describe(GROUP).launchRef()).isEqualTo(TEMPLATE + ":3");
        wm.verify(2, queryRequested("DescribeAutoScalingGroups"));
    }

    @Test
    void terminationsAskedForThroughTheApiAreTheOnesTheScalingActivitiesCallAUserRequest() {
        wm.stubFor(queryCall("DescribeScalingActivities").willReturn(asg("DescribeScalingActivities",
                "<Activities>" + activity("i-asked", "At 2026-11-27T10:03:50Z an instance was taken out of service "
                        + "in response to a user request, shrinking the capacity from 7 to 6.")
                        + activity("i-scaled", "At 2026-11-27T10:04:00Z a monitor alarm in state ALARM triggered "
                        + "policy tt changing the desired capacity from 7 to 5. At 2026-11-27T10:04:00Z an instance "
                        + "was taken out of service in response to a difference between desired and actual capacity, "
                        + "shrinking the capacity from 7 to 5.")
                        + activity("i-other", "in response to a user request") + "</Activities>")));

        assertThat(fleet.terminatedOnRequest(GROUP, Set.of("i-asked", "i-scaled", "i-gone")))
                .containsExactly("i-asked");
        assertThat(stub.queryParams("DescribeScalingActivities")).singleElement().isEqualTo(Map.of(
                "Action", "DescribeScalingActivities", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                "MaxRecords", String.valueOf(AutoScalingFleet.ACTIVITIES_READ)));
    }

    private static String activity(String instanceId, String cause) {
        return "<member><ActivityId>a-" + instanceId + "</ActivityId><AutoScalingGroupName>" + GROUP
                + "</AutoScalingGroupName><Description>Terminating EC2 instance: " + instanceId + "</Description>"
                + "<Cause>" + cause + "</Cause><StartTime>2026-11-27T10:04:00Z</StartTime>"
                + "<StatusCode>InProgress</StatusCode><Progress>0</Progress></member>";
    }

    @Test
    void desiredCapacityAloneChangesThroughSetDesiredCapacity() {
        groupIs(group(GROUP, 2, 6, 3, launchTemplate("3"), "", ""));
        templateVersionIs(3, OLD_AMI);
        wm.stubFor(queryCall("SetDesiredCapacity").willReturn(asgEmpty("SetDesiredCapacity")));
        fleet.describe(GROUP);

        fleet.setCapacity(GROUP, 4, 6);

        assertThat(stub.queryParams("SetDesiredCapacity")).singleElement().isEqualTo(Map.of(
                "Action", "SetDesiredCapacity", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                "DesiredCapacity", "4", "HonorCooldown", "false"));
        wm.verify(0, queryRequested("UpdateAutoScalingGroup"));
    }

    @Test
    void changingTheMaxSizeUpdatesDesiredAndMaxInOneCall() {
        groupIs(group(GROUP, 2, 6, 6, launchTemplate("3"), "", ""));
        templateVersionIs(3, OLD_AMI);
        wm.stubFor(queryCall("UpdateAutoScalingGroup").willReturn(asgEmpty("UpdateAutoScalingGroup")));
        fleet.describe(GROUP);

        fleet.setCapacity(GROUP, 7, 7);

        assertThat(stub.queryParams("UpdateAutoScalingGroup")).singleElement().isEqualTo(Map.of(
                "Action", "UpdateAutoScalingGroup", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                "DesiredCapacity", "7", "MaxSize", "7"));
        wm.verify(0, queryRequested("SetDesiredCapacity"));
    }

    @Test
    void capacityOfAGroupNotReadYetIsSetWithBothValues() {
        wm.stubFor(queryCall("UpdateAutoScalingGroup").willReturn(asgEmpty("UpdateAutoScalingGroup")));

        fleet.setCapacity(GROUP, 3, 6);

        assertThat(stub.queryParams("UpdateAutoScalingGroup").get(0)).containsEntry("MaxSize", "6")
                .containsEntry("DesiredCapacity", "3");
    }

    @Test
    void refusedCapacityChangeIsNotRetryableAndNamesTheOperation() {
        groupIs(group(GROUP, 2, 6, 3, launchTemplate("3"), "", ""));
        templateVersionIs(3, OLD_AMI);
        wm.stubFor(queryCall("SetDesiredCapacity").willReturn(asgError(403, "AccessDenied", "User: arn:aws:sts::"
                + "012345678910:assumed-role/operator/x is not authorized to perform: autoscaling:SetDesiredCapacity")));
        fleet.describe(GROUP);

        assertThatThrownBy(() -> fleet.setCapacity(GROUP, 4, 6)).isInstanceOfSatisfying(ExternalCallFailed.class,
                e -> {
                    assertThat(e.operation()).isEqualTo("SetDesiredCapacity");
                    assertThat(e.code()).isEqualTo("AccessDenied");
                    assertThat(e.retryable()).isFalse();
                });
        wm.verify(1, queryRequested("SetDesiredCapacity"));
    }

    @Test
    void terminationGoesThroughTheGroupAndSaysWhetherToShrinkIt() {
        wm.stubFor(queryCall("TerminateInstanceInAutoScalingGroup").willReturn(asg(
                "TerminateInstanceInAutoScalingGroup", "<Activity><ActivityId>5e3a1f47-2309-415c-bfd8-35aa06300799"
                        + "</ActivityId><AutoScalingGroupName>" + GROUP + "</AutoScalingGroupName><Description>"
                        + "Terminating EC2 instance: i-0aaa</Description><Cause>At 2024-05-01T10:00:00Z instance "
                        + "i-0aaa was taken out of service in response to a user request.</Cause><StartTime>"
                        + "2024-05-01T10:00:00.000Z</StartTime><StatusCode>InProgress</StatusCode><Progress>0"
                        + "</Progress></Activity>")));

        fleet.terminate(GROUP, "i-0aaa", true);

        assertThat(stub.queryParams("TerminateInstanceInAutoScalingGroup")).singleElement().isEqualTo(Map.of(
                "Action", "TerminateInstanceInAutoScalingGroup", "Version", "2011-01-01", "InstanceId", "i-0aaa",
                "ShouldDecrementDesiredCapacity", "true"));
    }

    @ParameterizedTest
    @CsvSource({
            "Pending, PENDING", "Pending:Wait, PENDING", "Pending:Proceed, PENDING", "Warmed:Pending, PENDING",
            "Warmed:Running, PENDING", "InService, IN_SERVICE", "Terminating, TERMINATING",
            "Terminating:Wait, TERMINATING_WAIT", "Terminating:Proceed, TERMINATING", "Terminated, TERMINATED",
            "Warmed:Terminating, TERMINATING", "Warmed:Terminated, TERMINATED", "Standby, STANDBY",
            "EnteringStandby, STANDBY", "Detaching, OTHER", "Quarantined, OTHER"})
    void lifecycleStatesMapToWhatARolloutNeeds(String state, Lifecycle expected) {
        assertThat(AutoScalingFleet.lifecycle(state)).isEqualTo(expected);
    }
    @Test
    void instancesReportTheirScaleInProtectionAndWeight() {
        groupIs(group(GROUP, 2, 10, 5, launchTemplate("3"), members(
                instance("i-0aaa", "us-east-1a", "InService", "Healthy", launchTemplate("3"), true, "2"),
                instance("i-0bbb", "us-east-1b", "InService", "Healthy", launchTemplate("3"), false, "3"),
                instance("i-0ccc", "us-east-1b", "Standby", "Healthy", launchTemplate("3"), false, null)), ""));
        templateVersionIs(3, OLD_AMI);

        assertThat(fleet.describe(GROUP).instances()).extracting(GroupInstance::instanceId,
                GroupInstance::protectedFromScaleIn, GroupInstance::weight, GroupInstance::lifecycle).containsExactly(
                org.assertj.core.groups.Tuple.tuple("i-0aaa", true, 2, Lifecycle.IN_SERVICE),
                org.assertj.core.groups.Tuple.tuple("i-0bbb", false, 3, Lifecycle.IN_SERVICE),
                org.assertj.core.groups.Tuple.tuple("i-0ccc", false, 1, Lifecycle.STANDBY));
    }

    @Test
    void instanceInTerminatingWaitIsReportedAsHeldByAHook() {
        groupIs(group(GROUP, 1, 3, 1, launchTemplate("3"), members(
                instance("i-0aaa", "us-east-1a", "Terminating:Wait", "Healthy", launchTemplate("2"))), ""));
        templateVersionIs(3, OLD_AMI);

        GroupInstance held = fleet.describe(GROUP).instances().get(0);

        assertThat(held.lifecycle()).isEqualTo(Lifecycle.TERMINATING_WAIT);
        assertThat(held.lifecycle().isLeaving()).isTrue();
    }

    @Test
    void groupReportsItsCapacityTypeNewInstanceProtectionAndTerminationPolicies() {
        groupIs(withCapacitySettings(group(GROUP, 2, 40, 16, launchTemplate("3"), "", ""), "vcpu", true,
                "OldestLaunchTemplate", "OldestInstance"));
        templateVersionIs(3, OLD_AMI);

        GroupState state = fleet.describe(GROUP);

        assertThat(state.desiredCapacityType()).isEqualTo("vcpu");
        assertThat(state.newInstancesProtected()).isTrue();
        assertThat(state.terminationPolicies()).containsExactly("OldestLaunchTemplate", "OldestInstance");
        assertThat(state.weighted()).isTrue();
    }

    @Test
    void groupWithoutACapacityTypeCountsUnitsWithTheDefaultPolicy() {
        groupIs(group(GROUP, 1, 3, 1, launchTemplate("3"), members(
                instance("i-0aaa", "us-east-1a", "InService", "Healthy", launchTemplate("3"))), ""));
        templateVersionIs(3, OLD_AMI);

        GroupState state = fleet.describe(GROUP);

        assertThat(state.desiredCapacityType()).isEqualTo(GroupState.UNITS);
        assertThat(state.newInstancesProtected()).isFalse();
        assertThat(state.terminationPolicies()).containsExactly("Default");
        assertThat(state.weighted()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(value = {"NULL, 1", "'', 1", "4, 4", "' 7 ', 7", "x, 1"}, nullValues = "NULL")
    void weightedCapacityIsReadAsWholeUnits(String weightedCapacity, int expected) {
        assertThat(AutoScalingFleet.weight(weightedCapacity)).isEqualTo(expected);
    }
    @Test
    void suspendingAndResumingNameOnlyTheGivenProcesses() {
        wm.stubFor(queryCall("SuspendProcesses").willReturn(asgEmpty("SuspendProcesses")));
        wm.stubFor(queryCall("ResumeProcesses").willReturn(asgEmpty("ResumeProcesses")));

        fleet.suspendProcesses(GROUP, Set.of("AZRebalance"));
        fleet.resumeProcesses(GROUP, Set.of("AZRebalance"));
        fleet.resumeProcesses(GROUP, Set.of());

        assertThat(stub.queryParams("SuspendProcesses")).singleElement().isEqualTo(Map.of("Action",
                "SuspendProcesses", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                "ScalingProcesses.member.1", "AZRebalance"));
        assertThat(stub.queryParams("ResumeProcesses")).singleElement().isEqualTo(Map.of("Action",
                "ResumeProcesses", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                "ScalingProcesses.member.1", "AZRebalance"));
    }

    @Test
    void protectionIsSetInBatchesOfFiftyInstances() {
        wm.stubFor(queryCall("SetInstanceProtection").willReturn(asg("SetInstanceProtection", "")));
        java.util.List<String> ids = IntStream.range(0, 51).mapToObj(n -> "i-" + (1000 + n))
                .toList();

        fleet.setInstanceProtection(GROUP, ids, true);

        List<Map<String, String>> calls = stub.queryParams("SetInstanceProtection");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0)).containsEntry("AutoScalingGroupName", GROUP).containsEntry("ProtectedFromScaleIn",
                "true").containsEntry("InstanceIds.member.1", "i-1000").containsEntry("InstanceIds.member.50",
                "i-1049").doesNotContainKey("InstanceIds.member.51");
        assertThat(calls.get(1)).containsEntry("InstanceIds.member.1", "i-1050")
                .doesNotContainKey("InstanceIds.member.2");
    }

    @Test
    void protectingAnInstanceOutsideTheGroupIsAValidationErrorNotRetried() {
        wm.stubFor(queryCall("SetInstanceProtection").willReturn(asgError(400, "ValidationError",
                "The instance i-0zzz is not part of Auto Scaling group " + GROUP + ".")));

        assertThatThrownBy(() -> fleet.setInstanceProtection(GROUP, List.of("i-0zzz"), false))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.operation()).isEqualTo("SetInstanceProtection");
                    assertThat(e.code()).isEqualTo("ValidationError");
                    assertThat(e.retryable()).isFalse();
                });
        wm.verify(1, queryRequested("SetInstanceProtection"));
    }
}
