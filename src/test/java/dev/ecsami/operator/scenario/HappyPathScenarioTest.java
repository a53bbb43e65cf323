package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class HappyPathScenarioTest {

    /** The fleet each scenario runs on; ThroughAwsAdaptersHappyPathScenarioTest runs them all again through the real AWS adapters. */
    World fleetOf(int instances, dev.ecsami.operator.core.model.RolloutPolicy policy) {
        return World.fleetOf(instances, policy);
    }

    @Test
    void tenInstancesWithSurgeAreReplacedOneByOneWithoutCapacityDip() {
        World w = fleetOf(10, World.policy());
        Rollout r = w.start();
        w.step();
        assertThat(w.rollout(r.id()).toReplace()).isEqualTo(10);

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(3));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        assertThat(w.instanceAmis()).hasSize(10).containsOnly(World.NEW_AMI);
        assertThat(w.stepsIn(done, StepPhase.DONE)).isEqualTo(10);
        assertThat(done.toReplace()).isEqualTo(10);
        GroupState g = w.aws.peekGroup(World.GROUP);
        assertThat(g.desired()).isEqualTo(10);
        assertThat(g.max()).isEqualTo(12);
        assertThat(w.mutations("Drain")).isEqualTo(10);
        assertThat(w.mutations("Terminate")).isEqualTo(10);
        assertThat(w.mutations("RollLaunchSpec")).isEqualTo(1);
        assertThat(w.aws.peekCluster(World.CLUSTER).services()).allMatch(s -> s.steady());
        assertThat(done.events()).extracting(RolloutEvent::type).contains(RolloutEvent.Type.SUCCEEDED);
        assertThat(done.fromAmi().imageId()).isEqualTo(World.OLD_AMI);
        assertThat(done.toAmi().imageId()).isEqualTo(World.NEW_AMI);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 10, 11, 20})
    void eachReplacementTakesAnOldInstanceFromTheZoneItLandsInSoNoExtraReplacementEvensTheZones(int instances) {
        World w = fleetOf(instances, World.policy());
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(3));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(done.steps()).hasSize(instances).noneMatch(s -> s.purpose() == InstanceStep.Purpose.REBALANCE);
        assertThat(w.mutations("Terminate")).isEqualTo(instances);
        Map<String, Long> perZone = w.aws.peekGroup(World.GROUP).instances().stream()
                .filter(i -> !i.lifecycle().isLeaving())
                .collect(Collectors.groupingBy(GroupInstance::availabilityZone, Collectors.counting()));
        assertThat(perZone).hasSize(3);
        assertThat(Collections.max(perZone.values()) - Collections.min(perZone.values())).as(perZone.toString())
                .isLessThanOrEqualTo(1);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void withoutSurgeCapacityDipsByAtMostOneAndTheRolloutCompletes() {
        World w = fleetOf(6, World.policy().withSurge(false));
        Rollout r = w.start();
        w.notifier = (rollout, events) -> { };

        World.Extremes seen = w.runTrackingCapacity(r.id());

        Rollout done = w.rollout(r.id());
        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        assertThat(seen.lowestServing()).isEqualTo(5);
        assertThat(w.instanceAmis()).hasSize(6).containsOnly(World.NEW_AMI);
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(6);
        assertThat(w.mutations("SetCapacity")).isZero();
    }

    @Test
    void withoutSurgeTwoInFlightDipsByAtMostTwo() {
        World w = fleetOf(8, World.policy().withSurge(false).withMaxInFlight(2));
        w.aws.setup().service(World.CLUSTER, "small", 2, 50, 200, 64, 64);
        Rollout r = w.start();

        World.Extremes seen = w.runTrackingCapacity(r.id());

        Rollout done = w.rollout(r.id());
        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(seen.lowestServing()).isGreaterThanOrEqualTo(6);
        assertThat(w.instanceAmis()).hasSize(8).containsOnly(World.NEW_AMI);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void twoInFlightReplacesPairsAndNeverDrainsMoreThanTwo() {
        World w = fleetOf(8, World.policy().withMaxInFlight(2));
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(3));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        assertThat(w.instanceAmis()).hasSize(8).containsOnly(World.NEW_AMI);
        assertThat(w.aws.peekGroup(World.GROUP).max()).isEqualTo(10);
    }

    @Test
    void surgeRaisesAFullGroupsMaxSizeAndRestoresIt() {
        World w = fleetOf(4, World.policy());
        w.aws.fleet().setCapacity(World.GROUP, 4, 4);
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofHours(2));

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(done.preflight()).anyMatch(f -> f.code().name().equals("MAX_SIZE_RAISED"));
        assertThat(w.aws.peekGroup(World.GROUP).max()).isEqualTo(4);
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(4);
        assertThat(w.violations).isEmpty();
    }

    @Test
    void replacementsBootingAheadLetEachDrainFollowThePreviousWithoutWaitingForABoot() {
        // boot + registration 110 s, the shortest drain 30 s: ceil(110 / 30) = 4 replacements ahead
        World w = fleetOf(10, World.policy().withSurgeAhead(4));
        Rollout r = w.start();

        World.Extremes seen = w.runTrackingCapacity(r.id());

        Rollout done = w.rollout(r.id());
        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        assertThat(w.instanceAmis()).hasSize(10).containsOnly(World.NEW_AMI);
        assertThat(seen.highestDesired()).isEqualTo(10 + 1 + 4);
        assertThat(seen.lowestServing()).isEqualTo(10);
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(10);
        assertThat(w.aws.peekGroup(World.GROUP).max()).isEqualTo(12);
        assertThat(w.mutations("SetCapacity")).as("one raise, one restore: the group replaces the terminated")
                .isEqualTo(2);
        java.util.List<java.time.Instant> drainStarts = done.steps().stream()
                .map(s -> s.firstEntered(StepPhase.DRAIN).orElseThrow()).sorted().toList();
        java.util.List<java.time.Instant> drainEnds = done.steps().stream()
                .map(s -> s.firstEntered(StepPhase.WAIT_STEADY).orElseThrow()).sorted().toList();
        for (int i = 1; i < drainStarts.size(); i++) {
            assertThat(Duration.between(drainEnds.get(i - 1), drainStarts.get(i)))
                    .as("gap before drain %d", i).isLessThanOrEqualTo(World.STEP);
        }
    }

    @Test
    void withoutMaxSizeRaiseReplacementsBootAheadOnlyBelowMaxSize() {
        World w = fleetOf(6, World.policy().withSurgeAhead(3).withAllowMaxSizeRaise(false));
        Rollout r = w.start();

        World.Extremes seen = w.runTrackingCapacity(r.id());

        Rollout done = w.rollout(r.id());
        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        assertThat(seen.highestDesired()).isEqualTo(8);
        assertThat(w.aws.peekGroup(World.GROUP).max()).isEqualTo(8);
        assertThat(w.aws.peekGroup(World.GROUP).desired()).isEqualTo(6);
    }

    @Test
    void aFleetAlreadyOnTheTargetAmiSucceedsWithoutMutations() {
        World w = fleetOf(3, World.policy());
        w.aws.setup().parameter(World.PARAMETER, World.OLD_AMI);
        Rollout r = w.start();

        Rollout done = w.runUntilSettled(r.id(), Duration.ofMinutes(5));

        assertThat(done.state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.aws.log().mutations()).isEmpty();
    }
}
