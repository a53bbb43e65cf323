package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.drain.DrainRequest;
import dev.ecsami.operator.core.drain.LifecycleDrain;
import dev.ecsami.operator.core.model.OnDrainTimeout;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.runtime.DrainObserver;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.sim.SimNotice;
import dev.ecsami.operator.store.InMemoryDrainStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rollout and the drain runner on one group with a terminating hook: lifecycle and Spot events for
 * instances the rollout is draining or has replaced, and the rollout's own terminations.
 */
class DrainDuringRolloutScenarioTest {
    private static final String HOOK = "ecs-ami-operator-drain";

    private final World w = World.fleetOf(4, World.policy());
    private final InMemoryDrainStore drainStore = new InMemoryDrainStore();
    private final List<SimNotice> delivered = new ArrayList<>();
    private final List<DrainRunner.Accepted> accepted = new ArrayList<>();
    private DrainRunner drains;

    @Test
    void theRolloutsOwnTerminationsCompleteTheHookAtOnceWithoutASecondDrain() {
        Rollout done = rollOut(w.start());

        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        List<SimCallLog.MutationRecord> terminations = mutations("Terminate");
        assertThat(terminations).hasSize(4);
        for (SimCallLog.MutationRecord terminate : terminations) {
            String instance = terminate.detail().split(" ")[0];
            assertThat(mutationsFor("Drain", instance)).as("drained once, by the rollout").hasSize(1);
            assertThat(mutationsFor("CompleteLifecycleAction", instance)).singleElement().satisfies(c ->
                    assertThat(Duration.between(terminate.at(), c.at())).isLessThanOrEqualTo(Duration.ofSeconds(10)));
        }
        assertThat(mutations("Heartbeat")).isEmpty();
        assertThat(hookExpired()).isFalse();
        assertThat(drainStore.all()).hasSize(4).allSatisfy(d -> assertThat(d.state())
                .isIn(DrainRecord.State.COMPLETED, DrainRecord.State.RELEASED));
    }

    @Test
    void lateDuplicatesAndSpotWarningsForReplacedInstancesChangeNothing() {
        rollOut(w.start());
        int mutationsBefore = w.aws.log().mutations().size();
        List<DrainRequest> late = new ArrayList<>();
        for (SimNotice n : delivered) {
            late.add(DrainWorld.request(n));
            late.add(new DrainRequest(DrainRecord.Reason.SPOT_INTERRUPTION, "", n.instanceId(), "", ""));
        }

        assertThat(late).isNotEmpty().filteredOn(r -> !r.token().isEmpty())
                .allSatisfy(r -> assertThat(drains.accept(r)).isEqualTo(DrainRunner.Accepted.DUPLICATE));
        late.stream().filter(r -> r.token().isEmpty()).forEach(drains::accept);
        for (int i = 0; i < 24; i++) {
            step();
        }

        assertThat(w.aws.log().mutations()).hasSize(mutationsBefore);
        assertThat(drainStore.active()).as("a warning for a gone instance ends at once").isEmpty();
    }

    @Test
    void aHookForTheInstanceTheRolloutIsDrainingDrainsItOnceAndCompletesOnce() {
        String victim = disruptTheInstanceTheRolloutDrains(
                (instance, at) -> w.aws.actors().healthFailure(World.GROUP, instance, at, 3));

        assertThat(mutationsFor("Drain", victim)).hasSize(1);
        assertThat(mutationsFor("CompleteLifecycleAction", victim)).hasSize(1);
        assertThat(mutationsFor("Terminate", victim)).as("the group, not the rollout, terminated it").isEmpty();
        assertThat(drainStore.all()).filteredOn(d -> d.instanceId().equals(victim)).singleElement()
                .satisfies(d -> assertThat(d.state().ended()).isTrue());
        assertThat(hookExpired()).isFalse();
    }

    @Test
    void aSpotWarningForTheInstanceTheRolloutIsDrainingSetsNothingTwice() {
        String victim = disruptTheInstanceTheRolloutDrains(
                (instance, at) -> w.aws.actors().spotInterruption(World.GROUP, instance, at, 5));

        assertThat(accepted).contains(DrainRunner.Accepted.STARTED);
        assertThat(mutationsFor("Drain", victim)).hasSize(1);
        assertThat(mutationsFor("Reactivate", victim)).isEmpty();
        assertThat(mutationsFor("CompleteLifecycleAction", victim)).hasSizeLessThanOrEqualTo(1);
        assertThat(drainStore.all()).filteredOn(d -> d.instanceId().equals(victim))
                .allSatisfy(d -> assertThat(d.state().ended()).isTrue());
    }

    /** Wires the drain runner over the rollout's world, with a terminating hook on the group. */
    DrainDuringRolloutScenarioTest() {
        w.aws.actors().terminatingHook(World.GROUP, HOOK, Duration.ofMinutes(5), "CONTINUE", null);
        FleetPorts ports = w.aws.ports();
        drains = new DrainRunner(w.clock, drainStore, ports, w.aws.lifecycleActions(), Map.of(w.target.name(),
                w.target), new LifecycleDrain(new LifecycleDrain.Settings(Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofHours(1), OnDrainTimeout.FORCE)), DrainObserver.NONE);
    }

    /**
     * Starts a rollout, has {@code disruption} strike the first instance it drains five seconds later,
     * and checks the rollout still succeeds with its invariants kept; the instance struck.
     */
    private String disruptTheInstanceTheRolloutDrains(BiConsumer<String, Instant> disruption) {
        Rollout started = w.start();
        Instant limit = w.clock.instant().plus(Duration.ofMinutes(30));
        while (mutations("Drain").isEmpty() && w.clock.instant().isBefore(limit)) {
            step();
        }
        assertThat(mutations("Drain")).as("the rollout drains an instance").isNotEmpty();
        String victim = mutations("Drain").get(0).detail();
        disruption.accept(victim, w.clock.instant().plusSeconds(5));
        Rollout done = rollOut(started);
        assertThat(done.state()).as(done.reason()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        return victim;
    }

    private Rollout rollOut(Rollout rollout) {
        Instant limit = w.clock.instant().plus(Duration.ofHours(2));
        while ((w.rollout(rollout.id()).state() == RolloutState.RUNNING || w.rollout(rollout.id()).windingDown())
                && w.clock.instant().isBefore(limit)) {
            step();
        }
        for (int i = 0; i < 6; i++) {
            step();
        }
        return w.rollout(rollout.id());
    }

    /** One step of virtual time: AWS moves, its notifications reach the drain runner, both runners tick. */
    private void step() {
        w.clock.advance(World.STEP);
        w.aws.advance();
        for (SimNotice n : w.aws.takeNotices()) {
            delivered.add(n);
            accepted.add(drains.accept(DrainWorld.request(n)));
        }
        w.runner.tickDue();
        drains.tickDue();
        w.checkInvariants();
    }

    private List<SimCallLog.MutationRecord> mutations(String operation) {
        return w.aws.log().mutations().stream().filter(m -> m.operation().equals(operation)).toList();
    }

    private List<SimCallLog.MutationRecord> mutationsFor(String operation, String instanceId) {
        return mutations(operation).stream().filter(m -> m.detail().split(" ")[0].equals(instanceId)).toList();
    }

    private boolean hookExpired() {
        return w.aws.log().actors().stream().anyMatch(a -> a.actor().equals("lifecycle-hook"));
    }
}
