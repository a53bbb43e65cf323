package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.GroupSurroundings.CapacityProvider;
import dev.ecsami.operator.core.fleet.GroupSurroundings.LifecycleHook;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScalingPolicy;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScheduledAction;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.Finding.Code;
import dev.ecsami.operator.core.model.Finding.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NeighbourhoodTest {
    private static final Set<String> AZ_REBALANCE = Set.of("AZRebalance");

    private static GroupInstance instance(String id, Lifecycle lifecycle, boolean protectedFromScaleIn, int weight) {
        return new GroupInstance(id, "us-east-1a", lifecycle, "lt:1", true, protectedFromScaleIn, weight);
    }

    private static GroupState group(List<GroupInstance> instances, Set<String> suspended, String capacityType,
                                    boolean newInstancesProtected) {
        return new GroupState("prod-asg", instances.size(), 1, 10, "lt:1", "ami-1", instances, suspended,
                capacityType, newInstancesProtected, List.of("Default"));
    }

    private static GroupState plain() {
        return group(List.of(instance("i-1", Lifecycle.IN_SERVICE, false, 1),
                instance("i-2", Lifecycle.IN_SERVICE, false, 1)), Set.of(), "units", false);
    }

    private static GroupSurroundings around(List<ScalingPolicy> policies, List<ScheduledAction> actions,
                                            List<LifecycleHook> hooks, CapacityProvider provider,
                                            List<String> sharedWith) {
        return new GroupSurroundings(policies, actions, hooks, Optional.ofNullable(provider), sharedWith);
    }

    private static Finding only(List<Finding> findings, Code code) {
        assertThat(findings).filteredOn(f -> f.code() == code).hasSize(1);
        return findings.stream().filter(f -> f.code() == code).findFirst().orElseThrow();
    }

    @Test
    void aGroupNobodyElseMovesOnlyHearsWhichProcessesTheRolloutSuspends() {
        List<Finding> findings = Neighbourhood.findings(plain(), GroupSurroundings.NONE, AZ_REBALANCE, false);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(Code.SUSPENDED_PROCESSES);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("suspends AZRebalance").contains("resumes exactly those");
        });
    }

    @Test
    void processesTheUserAlreadySuspendedAreNamedAsLeftSuspended() {
        GroupState g = group(plain().instances(), Set.of("AZRebalance"), "units", false);

        Finding f = only(Neighbourhood.findings(g, GroupSurroundings.NONE, Set.of("AZRebalance", "ScheduledActions"),
                false), Code.SUSPENDED_PROCESSES);

        assertThat(f.message()).contains("suspends ScheduledActions before")
                .contains("already suspended, left suspended at the end: AZRebalance");
    }

    @Test
    void suspendingNothingWarnsThatRebalancingMayTerminateWithoutADrain() {
        Finding f = only(Neighbourhood.findings(plain(), GroupSurroundings.NONE, Set.of(), false),
                Code.SUSPENDED_PROCESSES);

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("without a drain");
    }

    @Test
    void capacityProviderSettingsAreEachReportedWithWhatTheRolloutDoes() {
        GroupSurroundings around = around(List.of(), List.of(), List.of(),
                new CapacityProvider("prod-cp", true, 90, true, true), List.of());

        List<Finding> findings = Neighbourhood.findings(plain(), around, AZ_REBALANCE, false);

        assertThat(only(findings, Code.CAPACITY_PROVIDER).message()).contains("prod-cp")
                .contains("managed scaling on (target capacity 90%)").contains("managed termination protection on")
                .contains("managed draining on").contains(LifecycleHook.ECS_MANAGED_DRAINING);
        assertThat(only(findings, Code.PROTECTED_INSTANCES).message()).contains("leaves it to ECS");
    }

    @Test
    void capacityProviderWithoutManagedSettingsSaysSo() {
        GroupSurroundings around = around(List.of(), List.of(), List.of(),
                new CapacityProvider("cp", false, 0, false, false), List.of());

        List<Finding> findings = Neighbourhood.findings(plain(), around, AZ_REBALANCE, false);

        assertThat(only(findings, Code.CAPACITY_PROVIDER).message()).contains("managed scaling off")
                .contains("managed termination protection off").contains("managed draining off");
        assertThat(findings).noneMatch(f -> f.code() == Code.PROTECTED_INSTANCES);
    }

    @Test
    void scalingPoliciesAreLeftRunningAndDisabledOnesAreNamedApart() {
        GroupSurroundings around = around(List.of(new ScalingPolicy("cpu-50", "TargetTrackingScaling", true),
                new ScalingPolicy("old-step", "StepScaling", false)), List.of(), List.of(), null, List.of());

        Finding f = only(Neighbourhood.findings(plain(), around, AZ_REBALANCE, false), Code.SCALING_POLICIES);

        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).contains("left running: cpu-50 (TargetTrackingScaling)")
                .contains("never undoes a scale-out").contains("disabled, no effect: old-step");
    }

    @Test
    void scheduledActionsShowWhenTheyRunAndWhatTheySet() {
        GroupSurroundings around = around(List.of(), List.of(
                new ScheduledAction("night", Instant.parse("2026-12-06T22:00:00Z"), "0 22 * * *", 2, null, null),
                new ScheduledAction("once", null, null, null, 1, 8)), List.of(), null, List.of());

        Finding f = only(Neighbourhood.findings(plain(), around, AZ_REBALANCE, false), Code.SCHEDULED_ACTIONS);

        assertThat(f.message()).contains("night (recurrence '0 22 * * *' from 2026-12-06T22:00:00Z, sets "
                + "desired 2)").contains("once (time unknown, sets min 1, max 8)");
    }

    @Test
    void terminatingHooksMakeTerminationsWaitAndTheEcsHookIsCompletedByEcs() {
        GroupSurroundings around = around(List.of(), List.of(), List.of(
                new LifecycleHook("log-shipper", LifecycleHook.TERMINATING, Duration.ofMinutes(5), "CONTINUE"),
                new LifecycleHook(LifecycleHook.ECS_MANAGED_DRAINING, LifecycleHook.TERMINATING,
                        Duration.ofHours(48), "CONTINUE"),
                new LifecycleHook("warm-up", LifecycleHook.LAUNCHING, Duration.ofMinutes(2), "ABANDON")),
                null, List.of());

        Finding f = only(Neighbourhood.findings(plain(), around, AZ_REBALANCE, false), Code.LIFECYCLE_HOOKS);

        assertThat(f.message()).contains("log-shipper (terminating, heartbeat timeout 5m 00s, default CONTINUE)")
                .contains("Terminating:Wait").contains("pauses naming the hook")
                .contains(LifecycleHook.ECS_MANAGED_DRAINING + ": ECS completes it itself")
                .contains("warm-up (launching").contains("Pending:Wait");
    }

    @Test
    void howTheGroupCountsCapacityIsLeftToPreflight() {
        GroupState vcpu = group(plain().instances(), Set.of(), "vcpu", false);
        GroupState weighted = group(List.of(instance("i-1", Lifecycle.IN_SERVICE, false, 2)), Set.of(), "units",
                false);

        assertThat(Neighbourhood.findings(vcpu, GroupSurroundings.NONE, AZ_REBALANCE, false))
                .noneMatch(f -> f.code() == Code.WEIGHTED_CAPACITY);
        assertThat(Neighbourhood.findings(weighted, GroupSurroundings.NONE, AZ_REBALANCE, false))
                .noneMatch(f -> f.code() == Code.WEIGHTED_CAPACITY);
    }

    @Test
    void standbyInstancesAreNamedWithWhatToDo() {
        GroupState g = group(List.of(instance("i-1", Lifecycle.IN_SERVICE, false, 1),
                instance("i-9", Lifecycle.STANDBY, false, 1)), Set.of(), "units", false);

        Finding f = only(Neighbourhood.findings(g, GroupSurroundings.NONE, AZ_REBALANCE, false),
                Code.STANDBY_INSTANCES);

        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).startsWith("in Standby: i-9:").contains("ExitStandby").contains("resume");
    }

    @Test
    void protectedInstancesAreReplacedAndTheRolloutProtectsItsOwnReplacements() {
        GroupState g = group(List.of(instance("i-1", Lifecycle.IN_SERVICE, true, 1),
                instance("i-2", Lifecycle.IN_SERVICE, false, 1), instance("i-3", Lifecycle.TERMINATING, true, 1)),
                Set.of(), "units", false);

        Finding f = only(Neighbourhood.findings(g, GroupSurroundings.NONE, AZ_REBALANCE, false),
                Code.PROTECTED_INSTANCES);

        assertThat(f.message()).startsWith("protected from scale-in: i-1;").contains("not blocked")
                .contains("protects its replacements from scale-in while it runs and takes that off at the end");
    }

    @Test
    void aGroupThatProtectsNewInstancesKeepsItsOwnProtection() {
        GroupState g = group(plain().instances(), Set.of(), "units", true);

        Finding f = only(Neighbourhood.findings(g, GroupSurroundings.NONE, AZ_REBALANCE, false),
                Code.PROTECTED_INSTANCES);

        assertThat(f.message()).contains("the group protects every new instance itself");
    }

    @Test
    void aLaunchTemplateSharedThroughDefaultOrLatestBlocksUnlessAllowed() {
        GroupSurroundings around = around(List.of(), List.of(), List.of(), null, List.of("web-asg", "batch-asg"));

        Finding blocked = only(Neighbourhood.findings(plain(), around, AZ_REBALANCE, false),
                Code.SHARED_LAUNCH_TEMPLATE);
        Finding allowed = only(Neighbourhood.findings(plain(), around, AZ_REBALANCE, true),
                Code.SHARED_LAUNCH_TEMPLATE);

        assertThat(blocked.blocks()).isTrue();
        assertThat(blocked.message()).contains("batch-asg, web-asg").contains("allow-shared-launch-template");
        assertThat(allowed.severity()).isEqualTo(Severity.WARNING);
        assertThat(allowed.message()).contains("batch-asg, web-asg");
    }

    @Test
    void theSameInputsGiveTheSameFindings() {
        GroupSurroundings around = around(List.of(new ScalingPolicy("p", "TargetTrackingScaling", true)), List.of(),
                List.of(), new CapacityProvider("cp", true, 100, false, true), List.of("other"));

        assertThat(Neighbourhood.findings(plain(), around, AZ_REBALANCE, false))
                .isEqualTo(Neighbourhood.findings(plain(), around, AZ_REBALANCE, false))
                .extracting(Finding::code).containsExactly(Code.CAPACITY_PROVIDER, Code.SCALING_POLICIES,
                        Code.SUSPENDED_PROCESSES, Code.SHARED_LAUNCH_TEMPLATE);
    }
}
