package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.aws.AwsCalls;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.sim.SimulatedAws;
import dev.ecsami.operator.testing.PerClass;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.ecsami.operator.awsstub.StubWorld.CLUSTER;
import static dev.ecsami.operator.awsstub.StubWorld.GROUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The calls that share the group with other actors, through the SDK and the real adapters against
 * the stub: their effect on the simulated group, what the next read shows of it, and Auto Scaling's
 * errors for them (ValidationError, LimitExceeded, ResourceContention, throttling).
 */
class StubSharingCallsThroughSdkTest {
    @RegisterExtension
    static final PerClass<AwsStub> STUB = new PerClass<>(AwsStub::start);
    private SimulatedAws aws;
    private FleetPorts ports;

    @BeforeEach
    void fleet() {
        aws = StubWorld.twoInstances();
        aws.setup().suspend(GROUP, "HealthCheck");
        ports = StubbedPorts.over(STUB.get(), aws);
        ports.fleet().describe(GROUP);
        STUB.get().resetCalls();
    }

    private static ExternalCallFailed failure(ThrowingCallable call) {
        return catchThrowableOfType(ExternalCallFailed.class, call);
    }

    private String firstInstance() {
        return aws.peekGroup(GROUP).instances().get(0).instanceId();
    }

    @Test
    void resumingGivesBackOnlyTheNamedProcessesAndTheReadShowsTheRest() {
        ports.fleet().suspendProcesses(GROUP, Set.of("AZRebalance"));
        assertThat(ports.fleet().describe(GROUP).suspendedProcesses()).containsExactlyInAnyOrder("AZRebalance",
                "HealthCheck");

        ports.fleet().resumeProcesses(GROUP, Set.of("AZRebalance"));

        assertThat(ports.fleet().describe(GROUP).suspendedProcesses()).containsExactly("HealthCheck");
        assertThat(STUB.get().calls()).containsEntry("SuspendProcesses", 1).containsEntry("ResumeProcesses", 1);
    }

    @Test
    void resourceContentionOnSuspendIsRetriedByTheSdk() {
        aws.faults().failNext("SuspendProcesses", 1, "ResourceContention", true);

        ports.fleet().suspendProcesses(GROUP, Set.of("AZRebalance"));

        assertThat(aws.peekGroup(GROUP).suspendedProcesses()).contains("AZRebalance");
        assertThat(STUB.get().calls()).containsEntry("SuspendProcesses", 2);
    }

    @Test
    void persistentResourceContentionOnResumeIsReportedAsRetryable() {
        ports.fleet().suspendProcesses(GROUP, Set.of("AZRebalance"));
        aws.faults().failNext("ResumeProcesses", 2, "ResourceContention", true);

        ExternalCallFailed e = failure(() -> ports.fleet().resumeProcesses(GROUP, Set.of("AZRebalance")));

        assertThat(e.operation()).isEqualTo("ResumeProcesses");
        assertThat(e.code()).isEqualTo("ResourceContention");
        assertThat(e.retryable()).isTrue();
        assertThat(aws.peekGroup(GROUP).suspendedProcesses()).contains("AZRebalance");
    }

    @Test
    void anUnknownProcessNameIsAValidationErrorAndChangesNothing() {
        ExternalCallFailed e = failure(() -> AwsCalls.call("SuspendProcesses", () -> STUB.get().clients().autoScaling()
                .suspendProcesses(r -> r.autoScalingGroupName(GROUP).scalingProcesses("AZRebalance", "Rebalance"))));

        assertThat(e.code()).isEqualTo("ValidationError");
        assertThat(e.getMessage()).contains("Rebalance");
        assertThat(e.retryable()).isFalse();
        assertThat(aws.peekGroup(GROUP).suspendedProcesses()).containsExactly("HealthCheck");
    }

    @Test
    void processesOfAnUnknownGroupAreAValidationError() {
        ExternalCallFailed e = failure(() -> ports.fleet().suspendProcesses("nope", Set.of("AZRebalance")));

        assertThat(e.code()).isEqualTo("ValidationError");
        assertThat(e.getMessage()).contains("nope");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void protectionSetThroughTheSdkShowsInTheNextRead() {
        String id = firstInstance();

        ports.fleet().setInstanceProtection(GROUP, List.of(id), true);

        assertThat(ports.fleet().describe(GROUP).instance(id)).get().extracting(GroupInstance::protectedFromScaleIn)
                .isEqualTo(true);
        ports.fleet().setInstanceProtection(GROUP, List.of(id), false);
        assertThat(aws.peekGroup(GROUP).instance(id)).get().extracting(GroupInstance::protectedFromScaleIn)
                .isEqualTo(false);
    }

    @Test
    void protectingAnInstanceOutsideTheGroupIsAValidationError() {
        ExternalCallFailed e = failure(() -> ports.fleet().setInstanceProtection(GROUP,
                List.of(firstInstance(), "i-0000000000000dead"), true));

        assertThat(e.operation()).isEqualTo("SetInstanceProtection");
        assertThat(e.code()).isEqualTo("ValidationError");
        assertThat(e.getMessage()).contains("i-0000000000000dead");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void moreThanFiftyInstancesInOneCallIsLimitExceeded() {
        List<String> ids = IntStream.range(0, 51).mapToObj(n -> String.format("i-%017x", n)).toList();

        ExternalCallFailed e = failure(() -> AwsCalls.call("SetInstanceProtection", () -> STUB.get().clients()
                .autoScaling().setInstanceProtection(r -> r.autoScalingGroupName(GROUP).instanceIds(ids)
                        .protectedFromScaleIn(true))));

        assertThat(e.code()).isEqualTo("LimitExceeded");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void throttledProtectionIsRetriedOnceThenReportedAsRetryable() {
        aws.faults().failNext("SetInstanceProtection", 2, "ThrottlingException", true);

        ExternalCallFailed e = failure(() -> ports.fleet().setInstanceProtection(GROUP, List.of(firstInstance()),
                true));

        assertThat(e.code()).isEqualTo("Throttling");
        assertThat(e.retryable()).isTrue();
        assertThat(STUB.get().calls()).containsEntry("SetInstanceProtection", 2);
    }

    @Test
    void aGroupNobodyElseMovesReadsAsNoSurroundingsWithoutAskingForCapacityProviders() {
        GroupSurroundings around = ports.neighbours().read(GROUP, CLUSTER);

        assertThat(around).isEqualTo(GroupSurroundings.NONE);
        assertThat(STUB.get().calls()).containsEntry("DescribePolicies", 1).containsEntry("DescribeScheduledActions", 1)
                .containsEntry("DescribeLifecycleHooks", 1).containsEntry("DescribeClusters", 1)
                .containsEntry("DescribeAutoScalingGroups", 1).doesNotContainKey("DescribeCapacityProviders");
    }

    @Test
    void throttledSurroundingsReadIsReportedAsRetryable() {
        aws.faults().failNext("DescribeLifecycleHooks", 2, "ThrottlingException", true);

        ExternalCallFailed e = failure(() -> ports.neighbours().read(GROUP, CLUSTER));

        assertThat(e.code()).isEqualTo("Throttling");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void surroundingsOfAnUnknownGroupAreAValidationError() {
        ExternalCallFailed e = failure(() -> ports.neighbours().read("nope", CLUSTER));

        assertThat(e.operation()).isEqualTo("DescribePolicies");
        assertThat(e.code()).isEqualTo("ValidationError");
    }
    @Test
    void theSimulationsSurroundingsReadThroughTheWireAsTheyAre() {
        aws.actors().targetTracking(GROUP, "cpu-50", Duration.ofMinutes(1), 1, 7)
                .scheduledAction(GROUP, "night", Instant.parse("2026-11-27T22:00:00Z"), 1, null, null)
                .capacityProvider(GROUP, "prod-cp", 90, true, true)
                .terminatingHook(GROUP, "ship-logs", Duration.ofMinutes(5), "ABANDON", null)
                .launchTemplateSharedWith(GROUP, List.of("web-asg", "batch-asg"));
        GroupSurroundings expected = aws.neighbours().read(GROUP, CLUSTER);

        GroupSurroundings read = ports.neighbours().read(GROUP, CLUSTER);

        assertThat(read.scalingPolicies()).isEqualTo(expected.scalingPolicies()).isNotEmpty();
        assertThat(read.scheduledActions()).isEqualTo(expected.scheduledActions()).isNotEmpty();
        assertThat(read.lifecycleHooks()).containsExactlyInAnyOrderElementsOf(expected.lifecycleHooks()).hasSize(2);
        assertThat(read.capacityProvider()).isEqualTo(expected.capacityProvider()).isPresent();
        assertThat(read.launchTemplateSharedWith()).containsExactly("batch-asg", "web-asg");
        assertThat(STUB.get().calls()).containsEntry("DescribeCapacityProviders", 1);
    }

    @Test
    void groupSettingsOfOtherActorsShowInTheGroupRead() {
        aws.actors().protectNewInstances(GROUP).desiredCapacityType(GROUP, "vcpu")
                .terminationPolicies(GROUP, List.of("OldestLaunchTemplate", "Default"));

        GroupState g = ports.fleet().describe(GROUP);

        assertThat(g.newInstancesProtected()).isTrue();
        assertThat(g.desiredCapacityType()).isEqualTo("vcpu");
        assertThat(g.terminationPolicies()).containsExactly("OldestLaunchTemplate", "Default");
        assertThat(g.suspendedProcesses()).containsExactly("HealthCheck");
    }
}
