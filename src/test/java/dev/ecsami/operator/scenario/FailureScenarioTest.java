package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.OnDrainTimeout;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.core.rollout.OutdatedInstances;
import dev.ecsami.operator.core.fleet.Observation;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FailureScenarioTest {

    /** The fleet each scenario runs on; ThroughAwsAdaptersFailureScenarioTest runs them all again through the real AWS adapters. */
    World fleetOf(int instances, dev.ecsami.operator.core.model.RolloutPolicy policy) {
        return World.fleetOf(instances, policy);
    }

    static String firstCandidate(World w) {
        return OutdatedInstances.select(new Observation(w.aws.peekGroup(World.GROUP),
                w.aws.peekCluster(World.CLUSTER)), World.NEW_AMI).get(0).instanceId();
    }

    @Test
    void drainTimesOutAndRolloutPausesWithTheInstanceActiveAgain() {
        World w = fleetOf(4, World.policy().withDrainTimeout(Duration.ofMinutes(5), OnDrainTimeout.PAUSE));
        String stuck = firstCandidate(w);
        w.aws.setup().stuckDrain(stuck);
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("drain of " + stuck + " timed out");
        assertThat(w.aws.peekCluster(World.CLUSTER).forEc2Instance(stuck).orElseThrow().status())
                .isEqualTo(ContainerInstance.Status.ACTIVE);
        assertThat(w.mutations("Terminate")).isZero();
        assertThat(w.violations).isEmpty();
    }

    @Test
    void drainTimeoutWithForceTerminatesAnywayAndRecordsIt() {
        World w = fleetOf(4, World.policy().withDrainTimeout(Duration.ofMinutes(5), OnDrainTimeout.FORCE));
        String stuck = firstCandidate(w);
        w.aws.setup().stuckDrain(stuck);
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(done.step(stuck).map(InstanceStep::forced)).contains(true);
        assertThat(done.events()).anyMatch(e -> e.type() == RolloutEvent.Type.FORCED && e.instanceId().equals(stuck));
        assertThat(w.aws.log().terminations()).anyMatch(t -> t.instanceId().equals(stuck) && t.serviceTasks() > 0);
        assertThat(done.events().get(done.events().size() - 1).message()).contains("forced: " + stuck);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void replacementThatNeverRegistersPausesAndDrainsNothing() {
        World w = fleetOf(4, World.policy().withSurgeAhead(0));
        w.aws.setup().neverRegisterNextLaunches(1);
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("no replacement").contains("within PT10M");
        assertThat(w.mutations("Drain")).isZero();
        assertThat(w.mutations("Terminate")).isZero();
        assertThat(w.violations).isEmpty();
    }

    @Test
    void replacementThatNeverRegistersWhileOthersBootAheadPausesWithCapacityKept() {
        World w = fleetOf(4, World.policy().withSurgeAhead(1));
        w.aws.setup().neverRegisterNextLaunches(1);
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("no replacement").contains("within PT10M").contains("1 replacement overdue");
        assertThat(w.mutations("Drain")).isEqualTo(w.mutations("Terminate")).isLessThan(4);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void serviceStuckUnhealthyPausesBeforeTerminatingTheDrainedInstance() {
        World w = fleetOf(4, World.policy());
        w.aws.setup().unhealthy(World.CLUSTER, "web", true);
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(1));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("not steady").contains("web running");
        assertThat(w.mutations("Terminate")).isZero();
        assertThat(w.violations).isEmpty();
    }

    @Test
    void serviceThatCannotDrainIsCaughtByPreflightBeforeAnyMutation() {
        World w = fleetOf(3, World.policy());
        w.aws.setup().service(World.CLUSTER, "singleton", 1, 100, 100, 128, 128);
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofMinutes(10));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.preflight()).anyMatch(f -> f.blocks() && f.code() == Finding.Code.SERVICE_CANNOT_DRAIN
                && f.message().contains("singleton"));
        assertThat(paused.baseline()).isNull();
        assertThat(w.aws.log().mutations()).isEmpty();
    }

    @Test
    void withoutSurgeNotEnoughSpareCapacityIsCaughtByPreflight() {
        World w = fleetOf(3, World.policy().withSurge(false));
        w.aws.setup().service(World.CLUSTER, "big", 3, 50, 200, 1024, 4096, java.util.Set.of(), true);
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofMinutes(10));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.preflight()).anyMatch(f -> f.code() == Finding.Code.INSUFFICIENT_SPARE_CAPACITY
                && f.message().contains("big"));
        assertThat(w.aws.log().mutations()).isEmpty();
    }

    @Test
    void suspendedTerminateProcessBlocksTheRollout() {
        World w = fleetOf(3, World.policy());
        w.aws.setup().suspend(World.GROUP, "Terminate").suspend(World.GROUP, "AZRebalance");
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofMinutes(10));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains("Terminate");
        assertThat(w.aws.log().mutations()).isEmpty();
    }

    @Test
    void standaloneTaskIsWaitedForThenTheInstanceIsReplaced() {
        World w = fleetOf(3, World.policy());
        String holder = firstCandidate(w);
        w.aws.setup().standaloneTask(World.CLUSTER, holder, 128, 128, Duration.ofMinutes(12));
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(done.preflight()).anyMatch(f -> f.code() == Finding.Code.STANDALONE_TASKS);
        InstanceStep step = done.step(holder).orElseThrow();
        Duration drain = Duration.between(step.lastEntered(StepPhase.DRAIN).orElseThrow(),
                step.lastEntered(StepPhase.WAIT_STEADY).orElseThrow());
        assertThat(drain).isGreaterThan(Duration.ofMinutes(8));
        assertThat(step.forced()).isFalse();
        assertThat(w.violations).isEmpty();
    }

    @Test
    void standaloneTaskThatNeverEndsPausesAtTheDrainTimeout() {
        World w = fleetOf(3, World.policy().withDrainTimeout(Duration.ofMinutes(15), OnDrainTimeout.PAUSE));
        String holder = firstCandidate(w);
        w.aws.setup().standaloneTask(World.CLUSTER, holder, 128, 128, null);
        Rollout r = w.start();

        Rollout paused = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(paused.state()).isEqualTo(RolloutState.PAUSED);
        assertThat(paused.reason()).contains(holder).contains("1 standalone");
        // Instances running fewer tasks may be replaced before it; the holder itself never goes.
        assertThat(w.aws.log().terminations()).noneMatch(t -> t.instanceId().equals(holder));
        assertThat(w.aws.peekGroup(World.GROUP).instance(holder)).isPresent();
        assertThat(w.violations).isEmpty();
    }

    @Test
    void daemonTasksDoNotHoldADrain() {
        World w = fleetOf(4, World.policy());
        w.aws.setup().daemonService(World.CLUSTER, "log-router", 64, 128);
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.instanceAmis()).containsOnly(World.NEW_AMI);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void unknownGroupFailsTheRolloutBeforeAnyMutation() {
        World w = fleetOf(2, World.policy());
        w.target = new dev.ecsami.operator.core.model.Target("ghost", World.CLUSTER, "no-such-asg",
                w.target.ami(), w.target.onNewAmi(), w.target.policy());
        w.wire();

        org.assertj.core.api.Assertions.assertThatThrownBy(w::start)
                .hasMessageContaining("no-such-asg");
        assertThat(w.store.all()).isEmpty();
        assertThat(w.aws.log().mutations()).isEmpty();
    }
}
