package dev.ecsami.operator.scenario;

import dev.ecsami.operator.awsstub.AwsStub.QueryRequest;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Other actors on the group, with the operator reaching it through the real adapters, SDK and the
 * stateful stub: what goes over the wire (scale-in protection, the capacity provider, groups sharing
 * the launch template) is what the engine decides on, and the shared-group invariants hold.
 */
class ThroughAwsAdaptersSharedGroupScenarioTest {
    @RegisterExtension
    static final ThroughAwsAdapters AWS = new ThroughAwsAdapters();

    private static List<QueryRequest> requests(String action) {
        return AWS.stub().queryRequests().stream().filter(r -> r.action().equals(action)).toList();
    }

    @Test
    void replacementsAreProtectedOverTheWireAndReleasedAtTheEnd() {
        World w = AWS.fleetOf(4, World.policy());
        AWS.stub().resetCalls();

        Rollout done = w.runUntilSettled(w.start().id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(requests("SetInstanceProtection")).extracting(r -> r.form().get("ProtectedFromScaleIn"))
                .contains("true", "false");
        assertThat(w.aws.peekGroup(World.GROUP).instances()).noneMatch(i -> i.protectedFromScaleIn());
        assertThat(w.violations).isEmpty();
    }

    @Test
    void withManagedScalingTerminationProtectionAndDrainingTheRolloutLeavesProtectionToEcs() {
        World w = AWS.fleetOf(4, World.policy());
        w.shared.protectionManagedByEcs = true;
        w.shared.disruptiveActors = true;
        w.aws.actors().capacityProvider(World.GROUP, "prod-cp", 100, true, true);
        AWS.stub().resetCalls();

        Rollout done = w.runUntilSettled(w.start().id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(requests("SetInstanceProtection")).isEmpty();
        assertThat(done.baseline().neighbours()).anyMatch(n -> n.contains("prod-cp"));
        assertThat(AWS.stub().calls()).containsKeys("DescribeClusters", "DescribeCapacityProviders");
        assertThat(w.instanceAmis()).containsOnly(World.NEW_AMI);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void aLaunchTemplateOtherGroupsFollowBlocksTheRolloutBeforeAnyChange() {
        World w = AWS.fleetOf(3, World.policy());
        w.aws.actors().launchTemplateSharedWith(World.GROUP, List.of("web-asg", "batch-asg"));
        AWS.stub().resetCalls();

        Rollout paused = w.runUntilSettled(w.start().id(), Duration.ofMinutes(10));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("batch-asg, web-asg");
        assertThat(AWS.stub().calls()).doesNotContainKeys("SuspendProcesses", "CreateLaunchTemplateVersion",
                "ModifyLaunchTemplate", "SetDesiredCapacity", "UpdateAutoScalingGroup",
                "TerminateInstanceInAutoScalingGroup", "UpdateContainerInstancesState");
        assertThat(w.aws.log().mutations()).isEmpty();
    }
}
