package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.sim.SimCause;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What takes instances away besides the operator: lifecycle hooks, Standby, health check
 * replacement, Spot interruptions, rebalancing. End states in the simulated world.
 */
class HostileActorsScenarioTest {

    @Test
    void hookThatNeverCompletesHoldsEachInstanceUntilItsTimeoutAndTheRolloutWaits() {
        World w = World.fleetOf(3, World.policy());
        w.aws.actors().terminatingHook(World.GROUP, "ship-logs", Duration.ofMinutes(10), "CONTINUE", null);
        Rollout r = w.start();
        w.runFor(Duration.ofMinutes(6));
        assertThat(w.aws.peekGroup(World.GROUP).instances()).anyMatch(i -> i.lifecycle() == Lifecycle.TERMINATING_WAIT);

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(done.events()).noneMatch(e -> e.type() == RolloutEvent.Type.PAUSED);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void hookThatNeverCompletesPausesNamingTheHook() {
        World w = World.fleetOf(3, World.policy());
        w.aws.actors().terminatingHook(World.GROUP, "ship-logs", Duration.ofMinutes(10), "CONTINUE", null);
        Rollout r = w.start();
        w.runFor(Duration.ofMinutes(1));
        // Whatever handles the hook keeps sending heartbeats: the instance stays in Terminating:Wait.
        w.aws.actors().terminatingHook(World.GROUP, "ship-logs-heartbeats", Duration.ofHours(6), "CONTINUE", null);

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("Terminating:Wait").contains("ship-logs (heartbeat timeout 10m");
        assertThat(w.violations).isEmpty();
    }

    @Test
    void hookAddedDuringTheRolloutHoldingAnInstanceTooLongPauses() {
        World w = World.fleetOf(3, World.policy());
        // The simulated group takes the default result at the timeout; one held for longer than the
        // rollout was told (a hook added after the rollout started) pauses it.
        Rollout r = w.start();
        w.runFor(Duration.ofMinutes(1));
        w.aws.actors().terminatingHook(World.GROUP, "ship-logs", Duration.ofHours(3), "CONTINUE", null);

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(4));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("Terminating:Wait").contains("terminating lifecycle hook");
        assertThat(w.violations).isEmpty();
    }

    @Test
    void managedDrainingHookIsCompletedByEcsAfterTheOperatorsDrain() {
        World w = World.fleetOf(4, World.policy());
        w.aws.actors().capacityProvider(World.GROUP, "cp", 100, false, true);
        w.shared.disruptiveActors = true;
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(done.baseline().terminatingHooks()).anyMatch(h -> h.name()
                .equals("ecs-managed-draining-termination-hook"));
        assertThat(w.instanceAmis()).containsOnly(World.NEW_AMI);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void standbyOutdatedInstanceKeepsTheRolloutFromSucceeding() {
        World w = World.fleetOf(4, World.policy());
        String standby = w.aws.peekGroup(World.GROUP).instances().get(3).instanceId();
        w.aws.actors().enterStandby(World.GROUP, standby, w.clock.instant().plusSeconds(1), 1);
        w.step();
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains(standby).contains("Standby").contains("exit-standby");
        assertThat(w.mutations("Drain")).isEqualTo(3);

        w.aws.actors().exitStandby(World.GROUP, standby, w.clock.instant().plusSeconds(1), 1);
        w.step();
        w.commands.resume(r.id(), "ops");
        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.instanceAmis()).hasSize(4).containsOnly(World.NEW_AMI);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void healthReplacementOfAnOldInstanceIsReportedAndLeaksNoCapacity() {
        World w = World.fleetOf(5, World.policy());
        w.shared.disruptiveActors = true;
        Rollout r = w.start();
        w.runFor(Duration.ofSeconds(30));
        String last = w.rollout(r.id()).steps().get(0).instanceId();
        w.aws.actors().healthFailure(World.GROUP, last, w.clock.instant().plus(Duration.ofMinutes(1)), 1);

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.aws.log().terminations()).anyMatch(t -> t.instanceId().equals(last) && t.cause() == SimCause.HEALTH);
        assertThat(done.events()).anyMatch(e -> e.type() == RolloutEvent.Type.REPLACED_BY_GROUP
                && e.instanceId().equals(last) && e.message().contains("not drained by the operator"));
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(5);
        assertThat(w.instanceAmis()).hasSize(5).containsOnly(World.NEW_AMI);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void spotInterruptionOfAnOldInstanceIsReportedAndLeaksNoCapacity() {
        World w = World.fleetOf(5, World.policy().withSurgeAhead(3));
        w.shared.disruptiveActors = true;
        Rollout r = w.start();
        w.runFor(Duration.ofSeconds(30));
        String last = w.rollout(r.id()).steps().get(3).instanceId();
        w.aws.actors().spotInterruption(World.GROUP, last, w.clock.instant().plus(Duration.ofSeconds(30)), 1);

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.aws.log().terminations()).anyMatch(t -> t.instanceId().equals(last) && t.cause() == SimCause.SPOT);
        assertThat(done.events()).anyMatch(e -> e.type() == RolloutEvent.Type.REPLACED_BY_GROUP
                && e.instanceId().equals(last));
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(5);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void rebalancingLeftRunningTerminatesWithoutADrainAndTheInvariantsSayIt() {
        World w = World.fleetOf(6, World.policy().withSuspendProcesses(Set.of()).withSurgeAhead(0));
        w.aws.actors().rebalancing(World.GROUP, Duration.ofSeconds(30));
        Rollout r = w.start();
        w.runFor(Duration.ofMinutes(3));
        w.aws.actors().addZone(World.GROUP, "us-east-1d").addZone(World.GROUP, "us-east-1e");

        w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(w.aws.log().terminations()).anyMatch(t -> t.cause() == SimCause.REBALANCE);
        assertThat(w.violations).anyMatch(v -> v.startsWith("invariant 1: REBALANCE"));
    }

    @Test
    void groupCountedInVcpusIsRefusedInPreflight() {
        World w = World.fleetOf(2, World.policy());
        w.aws.actors().desiredCapacityType(World.GROUP, "vcpu");
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofMinutes(5));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("vcpu").contains("DesiredCapacityType");
        assertThat(w.aws.log().mutations()).isEmpty();
    }
}
