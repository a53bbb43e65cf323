package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.sim.SimCause;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rollouts in groups that others act on too: Auto Scaling processes, scaling policies, scheduled
 * actions, ECS managed scaling, scale-in protection. Each scenario checks the end state in the
 * simulated world, and every step the invariants of {@link World}.
 */
class SharedGroupScenarioTest {

    @Test
    void rebalancingIsSuspendedDuringTheRolloutAndResumedAfter() {
        World w = World.fleetOf(6, World.policy());
        w.aws.actors().rebalancing(World.GROUP, Duration.ofSeconds(30));
        Rollout r = w.start();
        w.runFor(Duration.ofMinutes(3));
        w.aws.actors().addZone(World.GROUP, "us-east-1d").addZone(World.GROUP, "us-east-1e");

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        assertThat(w.aws.peekGroup(World.GROUP).suspendedProcesses()).isEmpty();
        List<SimCallLog.MutationRecord> m = w.aws.log().mutations();
        int suspended = indexOf(m, "SuspendProcesses");
        int firstTerminate = indexOf(m, "Terminate");
        int firstCapacity = indexOf(m, "SetCapacity");
        int resumed = lastIndexOf(m, "ResumeProcesses");
        assertThat(suspended).isNotNegative().isLessThan(firstTerminate).isLessThan(firstCapacity);
        assertThat(resumed).isGreaterThan(lastIndexOf(m, "Terminate"));
        assertThat(w.aws.log().terminations()).noneMatch(t -> t.cause() == SimCause.REBALANCE
                && t.at().isBefore(done.finishedAt()));
    }

    @Test
    void userSuspendedProcessesStaySuspended() {
        World w = World.fleetOf(4, World.policy());
        w.aws.setup().suspend(World.GROUP, "AZRebalance").suspend(World.GROUP, "ScheduledActions");
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.aws.peekGroup(World.GROUP).suspendedProcesses()).containsExactlyInAnyOrder("AZRebalance",
                "ScheduledActions");
        assertThat(w.mutations("SuspendProcesses")).isZero();
        assertThat(w.mutations("ResumeProcesses")).isZero();
        assertThat(w.violations).isEmpty();
    }

    @Test
    void processesSuspendedForTheRolloutAreResumedWhenItIsAborted() {
        World w = World.fleetOf(4, World.policy().withSurgeAhead(1)
                .withSuspendProcesses(Set.of("AZRebalance", "ScheduledActions")));
        w.aws.setup().suspend(World.GROUP, "ScheduledActions");
        Rollout r = w.start();
        w.runFor(Duration.ofMinutes(4));
        assertThat(w.aws.peekGroup(World.GROUP).suspendedProcesses()).contains("AZRebalance");

        w.commands.abort(r.id(), "ops");
        Rollout aborted = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(aborted.state()).isEqualTo(RolloutState.ABORTED);
        assertThat(aborted.windingDown()).isFalse();
        GroupState g = w.aws.peekGroup(World.GROUP);
        assertThat(g.suspendedProcesses()).containsExactly("ScheduledActions");
        assertThat(g.desired()).isEqualTo(4);
        assertThat(g.max()).isEqualTo(6);
        assertThat(g.instances()).noneMatch(i -> i.protectedFromScaleIn() && !i.lifecycle().isLeaving());
        assertThat(w.violations).isEmpty();
    }

    @Test
    void rollbackTakesOverWhatTheRolledBackRolloutGivesBackAndEndsAsTheGroupStarted() {
        World w = World.fleetOf(4, World.policy().withSurgeAhead(1));
        Rollout r = w.start();
        w.runFor(Duration.ofMinutes(4));
        assertThat(w.aws.peekGroup(World.GROUP).suspendedProcesses()).contains("AZRebalance");

        Rollout back = w.commands.rollback(r.id(), "ops");
        Rollout done = w.runUntilSettled(back.id(), Duration.ofHours(2));

        assertThat(w.rollout(r.id()).state()).isEqualTo(RolloutState.ABORTED);
        assertThat(w.rollout(r.id()).windingDown()).isFalse();
        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        GroupState g = w.aws.peekGroup(World.GROUP);
        assertThat(g.suspendedProcesses()).isEmpty();
        assertThat(g.desired()).isEqualTo(4);
        assertThat(g.max()).isEqualTo(6);
        assertThat(w.instanceAmis()).hasSize(4).containsOnly(World.OLD_AMI);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void anInstanceACrashLeftDrainingWhenTheRolloutLetGoOfItIsSetActiveAgainBeforeTheWindDownEnds() {
        World w = World.fleetOf(4, World.policy());
        boolean[] armed = {false};
        w.portsWrapper = p -> CrashingPorts.aroundMutations(p, (operation, call) -> {
            if (armed[0] && operation.equals("SetState")) {
                armed[0] = false;
                throw new CrashingPorts.Crash("before " + operation);
            }
            call.run();
        });
        w.wire();
        Rollout r = w.start();
        for (int i = 0; i < 100 && w.rollout(r.id()).steps().stream().noneMatch(s -> s.phase() == StepPhase.DRAIN); i++) {
            w.step();
        }
        armed[0] = true;

        assertThatThrownBy(() -> w.commands.abort(r.id(), "ops")).isInstanceOf(CrashingPorts.Crash.class);
        w.portsWrapper = java.util.function.Function.identity();
        w.wire();
        Rollout aborted = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(aborted.state()).isEqualTo(RolloutState.ABORTED);
        assertThat(aborted.windingDown()).isFalse();
        GroupState g = w.aws.peekGroup(World.GROUP);
        assertThat(w.aws.peekCluster(World.CLUSTER).instances()).filteredOn(ci -> g.instance(ci.ec2InstanceId())
                .map(i -> !i.lifecycle().isLeaving()).orElse(false))
                .noneMatch(ci -> ci.status() == ContainerInstance.Status.DRAINING);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void abortWhileZonesAreEvenedOutGivesBackTheCapacityTheEveningAdded() {
        World w = World.fleetOf(4, List.of("us-east-1a"), World.policy());
        w.aws.actors().addZone(World.GROUP, "us-east-1b").addZone(World.GROUP, "us-east-1c");
        Rollout r = w.start();
        for (int i = 0; i < 1000 && w.rollout(r.id()).steps().stream().noneMatch(s -> s.purpose()
                == InstanceStep.Purpose.REBALANCE && s.phase() == StepPhase.DRAIN); i++) {
            w.step();
        }
        assertThat(w.rollout(r.id()).steps()).anyMatch(s -> s.purpose() == InstanceStep.Purpose.REBALANCE
                && !s.phase().isFinished());

        w.commands.abort(r.id(), "ops");
        Rollout aborted = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(aborted.windingDown()).isFalse();
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(4);
        assertThat(w.aws.peekGroup(World.GROUP).suspendedProcesses()).isEmpty();
        assertThat(w.violations).isEmpty();
    }

    @Test
    void abortNeverTerminatesInTheBatchThatDrains() {
        World w = World.fleetOf(4, World.policy().withSurgeAhead(2));
        Rollout r = w.start();
        w.runFor(Duration.ofMinutes(3));

        w.commands.abort(r.id(), "ops");
        Rollout aborted = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(aborted.windingDown()).isFalse();
        List<SimCallLog.MutationRecord> m = w.aws.log().mutations();
        for (SimCallLog.MutationRecord t : m) {
            if (t.operation().equals("Terminate")) {
                String id = t.detail().split(" ")[0];
                assertThat(m).noneMatch(d -> d.operation().equals("Drain") && d.detail().equals(id)
                        && d.at().equals(t.at()));
            }
        }
        assertThat(aborted.steps()).anyMatch(s -> s.giveBack());
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(4);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void scaleOutByAPolicyDuringTheRolloutIsKept() {
        World w = World.fleetOf(4, World.policy().withSurgeAhead(1));
        w.shared.othersSetLimits = true;
        // With one replacement ahead, desired is 6 at that time (4 and 2 surge); the action sets it to 9:
        // others added 3.
        w.aws.actors().scheduledAction(World.GROUP, "morning", w.clock.instant().plus(Duration.ofMinutes(4)), 9,
                null, 10);
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.aws.othersNet(World.GROUP)).isEqualTo(3);
        GroupState g = w.aws.peekGroup(World.GROUP);
        assertThat(g.desired()).isEqualTo(7);
        assertThat(g.max()).isEqualTo(10);
        assertThat(w.instanceAmis()).hasSize(7).containsOnly(World.NEW_AMI);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void scaleInByAPolicyDuringTheRolloutIsKeptAndSparesTheReplacements() {
        World w = World.fleetOf(6, World.policy().withSurgeAhead(1));
        // Desired is 8 at that time (6 and 2 surge); the action sets it to 6: others took 2 away.
        w.aws.actors().scheduledAction(World.GROUP, "evening", w.clock.instant().plus(Duration.ofMinutes(4)), 6,
                null, null);
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.aws.othersNet(World.GROUP)).isEqualTo(-2);
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(4);
        assertThat(w.instanceAmis()).hasSize(4).containsOnly(World.NEW_AMI);
        assertThat(w.aws.log().terminations()).filteredOn(t -> t.cause() == SimCause.SCALE_IN)
                .allMatch(t -> !World.NEW_AMI.equals(w.aws.setup().amiOf(t.instanceId())));
        assertThat(w.violations).isEmpty();
    }

    @Test
    void targetTrackingMovingDesiredBothWaysNeverGetsAStaleCapacityWrittenBack() {
        World w = World.fleetOf(5, World.policy());
        w.shared.disruptiveActors = true;
        w.aws.actors().targetTracking(World.GROUP, "cpu50", Duration.ofMinutes(2), 1, 7);
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(3));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.aws.log().actors()).anyMatch(a -> a.actor().startsWith("policy"));
        assertThat(w.violations).isEmpty();
    }

    @Test
    void replacementsAreProtectedFromScaleInWhileTheRolloutNeedsThemAndReleasedAfter() {
        World w = World.fleetOf(4, World.policy());
        Rollout r = w.start();
        w.runFor(Duration.ofMinutes(3));
        assertThat(w.rollout(r.id()).state()).isEqualTo(RolloutState.RUNNING);
        GroupState mid = w.aws.peekGroup(World.GROUP);
        assertThat(mid.instances()).filteredOn(i -> World.NEW_AMI.equals(w.aws.setup().amiOf(i.instanceId()))
                && i.lifecycle() == Lifecycle.IN_SERVICE).isNotEmpty().anyMatch(i -> i.protectedFromScaleIn());
        assertThat(mid.instances()).filteredOn(i -> !World.NEW_AMI.equals(w.aws.setup().amiOf(i.instanceId())))
                .noneMatch(i -> i.protectedFromScaleIn());

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.aws.peekGroup(World.GROUP).instances()).noneMatch(i -> i.protectedFromScaleIn());
        assertThat(w.violations).isEmpty();
    }

    @Test
    void withManagedTerminationProtectionTheOperatorLeavesProtectionToEcs() {
        World w = World.fleetOf(4, World.policy());
        w.shared.protectionManagedByEcs = true;
        w.shared.disruptiveActors = true;
        w.aws.actors().capacityProvider(World.GROUP, "cp", 100, true, false);
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.mutations("Protect") + w.mutations("Unprotect")).isZero();
        assertThat(done.baseline().neighbours()).anyMatch(n -> n.contains("capacity provider cp"));
        assertThat(w.violations).isEmpty();
    }

    private static int indexOf(List<SimCallLog.MutationRecord> m, String op) {
        for (int i = 0; i < m.size(); i++) {
            if (m.get(i).operation().equals(op)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<SimCallLog.MutationRecord> m, String op) {
        int found = -1;
        for (int i = 0; i < m.size(); i++) {
            if (m.get(i).operation().equals(op)) {
                found = i;
            }
        }
        return found;
    }
}
