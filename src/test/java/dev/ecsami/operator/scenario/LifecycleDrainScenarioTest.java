package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.drain.DrainRequest;
import dev.ecsami.operator.core.drain.LifecycleDrain;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.runtime.DrainObserver;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.runtime.Leadership;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.sim.SimNotice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.ecsami.operator.store.FileDrainStore;
import java.nio.file.Path;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Scale-in and Spot interruptions drained on the simulated AWS, on a virtual clock. */
class LifecycleDrainScenarioTest {

    @Test
    void scaleInWithAHookMovesTheTasksBeforeTheInstanceGoesAndCompletesOnlyAfterTheDrain() {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1));
        w.slowTasksEverywhere(Duration.ofMinutes(6));
        w.scaleInAt(w.clock.instant().plusSeconds(30), 2);
        w.run(Duration.ofMinutes(15));

        DrainRecord drain = onlyDrain(w);
        assertThat(drain.state()).isEqualTo(DrainRecord.State.COMPLETED);
        SimCallLog.TerminationRecord gone = w.terminationOf(drain.instanceId());
        assertThat(gone.serviceTasks()).isZero();
        assertThat(gone.standaloneTasks()).isZero();
        assertThat(w.hookExpired()).as("no heartbeat came late").isFalse();
        Instant completed = w.mutations("CompleteLifecycleAction").get(0).at();
        assertThat(Duration.between(drain.startedAt(), completed)).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(w.mutations("Heartbeat")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(drain.heartbeats()).as("heartbeats counted on the record").isEqualTo(w.mutations("Heartbeat").size());
        assertThat(w.mutations("Drain")).extracting(SimCallLog.MutationRecord::detail).containsExactly(drain.instanceId());
    }

    @Test
    void withoutHeartbeatsTheHookRunsOutAndTheInstanceGoesWithItsTasks() {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1));
        w.settings = new dev.ecsami.operator.core.drain.LifecycleDrain.Settings(Duration.ofMinutes(2),
                Duration.ofSeconds(10), Duration.ofHours(1), dev.ecsami.operator.core.model.OnDrainTimeout.FORCE);
        w.wire();
        w.slowTasksEverywhere(Duration.ofMinutes(6));
        w.scaleInAt(w.clock.instant().plusSeconds(30), 2);
        w.run(Duration.ofMinutes(15));

        DrainRecord drain = onlyDrain(w);
        assertThat(w.hookExpired()).isTrue();
        assertThat(w.terminationOf(drain.instanceId()).standaloneTasks()).isPositive();
        assertThat(drain.state()).isIn(DrainRecord.State.LOST, DrainRecord.State.RELEASED);
    }

    @Test
    void aDuplicateNotificationChangesNothing() {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1));
        w.slowTasksEverywhere(Duration.ofMinutes(2));
        w.delivery = sent -> {
            List<SimNotice> twice = new ArrayList<>(sent);
            twice.addAll(sent);
            return twice;
        };
        w.scaleInAt(w.clock.instant().plusSeconds(30), 2);
        w.run(Duration.ofMinutes(10));

        assertThat(w.accepted).containsExactly(DrainRunner.Accepted.STARTED, DrainRunner.Accepted.DUPLICATE);
        assertThat(w.mutations("Drain")).hasSize(1);
        assertThat(w.mutations("CompleteLifecycleAction")).hasSize(1);
        int mutations = w.aws.log().mutations().size();
        DrainRecord drain = onlyDrain(w);
        assertThat(w.runner.accept(new DrainRequest(DrainRecord.Reason.SCALE_IN, DrainWorld.GROUP,
                drain.instanceId(), DrainWorld.HOOK, drain.token()))).isEqualTo(DrainRunner.Accepted.DUPLICATE);
        assertThat(w.aws.log().mutations()).hasSize(mutations);
    }

    @Test
    void aSpotWarningDrainsAtOnceAndTheInstanceDiesTwoMinutesLater() {
        DrainWorld w = DrainWorld.withHook(null);
        String victim = w.aws.peekGroup(DrainWorld.GROUP).instances().get(0).instanceId();
        Instant warning = w.clock.instant().plusSeconds(20);
        w.aws.actors().spotInterruption(DrainWorld.GROUP, victim, warning, 1);
        w.run(Duration.ofMinutes(5));

        assertThat(w.mutations("Drain")).singleElement().satisfies(m -> {
            assertThat(m.detail()).isEqualTo(victim);
            assertThat(Duration.between(warning, m.at())).isLessThanOrEqualTo(Duration.ofSeconds(5));
        });
        assertThat(w.terminationOf(victim).at()).isEqualTo(warning.plus(Duration.ofMinutes(2)));
        assertThat(w.terminationOf(victim).serviceTasks()).isZero();
        assertThat(onlyDrain(w).reason()).isEqualTo(DrainRecord.Reason.SPOT_INTERRUPTION);
    }

    @Test
    void theOperatorsOwnTerminationOfADrainedInstanceCompletesTheHookAtOnce() {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(5));
        String victim = w.aws.peekGroup(DrainWorld.GROUP).instances().get(0).instanceId();
        ContainerInstance ci = w.aws.peekCluster(DrainWorld.CLUSTER).instances().stream()
                .filter(c -> c.ec2InstanceId().equals(victim)).findFirst().orElseThrow();
        w.aws.containerInstances().setState(DrainWorld.CLUSTER, List.of(ci.arn()), ContainerInstance.Status.DRAINING);
        w.run(Duration.ofMinutes(3));
        Instant terminatedAt = w.clock.instant();
        w.aws.fleet().terminate(DrainWorld.GROUP, victim, false);
        w.run(Duration.ofSeconds(10));

        DrainRecord drain = onlyDrain(w);
        assertThat(drain.state()).isEqualTo(DrainRecord.State.COMPLETED);
        assertThat(Duration.between(terminatedAt, drain.endedAt())).isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(w.mutations("Drain")).hasSize(1);
        assertThat(w.mutations("Heartbeat")).isEmpty();
    }

    @Test
    void aRestartInTheMiddleOfADrainResumesItsHeartbeatsFromTheFileStore(@TempDir Path dir) {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1));
        w.store = new FileDrainStore(TestJson.STORE, dir, 10);
        w.wire();
        w.slowTasksEverywhere(Duration.ofMinutes(6));
        w.scaleInAt(w.clock.instant().plusSeconds(30), 2);
        w.run(Duration.ofMinutes(2));
        assertThat(onlyDrain(w).state()).isEqualTo(DrainRecord.State.DRAINING);

        w.store = new FileDrainStore(TestJson.STORE, dir, 10);
        w.wire();
        w.run(Duration.ofMinutes(13));

        DrainRecord drain = onlyDrain(w);
        assertThat(drain.state()).isEqualTo(DrainRecord.State.COMPLETED);
        assertThat(w.hookExpired()).isFalse();
        assertThat(w.terminationOf(drain.instanceId()).standaloneTasks()).isZero();
    }

    @Test
    void anInstanceOfAGroupNoTargetConfiguresIsReleasedAtOnce() {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1));
        w.aws.setup().group("other-asg", "batch", List.of("us-east-1a"), 1, 0, 2, DrainWorld.AMI);
        assertThat(w.runner.accept(new DrainRequest(DrainRecord.Reason.SCALE_IN, "other-asg", "i-0123", "hook",
                "token-1"))).isEqualTo(DrainRunner.Accepted.RELEASED);
        assertThat(w.store.all()).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(DrainRecord.State.RELEASED);
            assertThat(d.detail()).contains("other-asg");
        });
        assertThat(w.mutations("Drain")).isEmpty();
    }

    @Test
    void whereEcsManagedDrainingDrainsTheGroupTheOperatorStepsAsideAndSaysSo() {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1));
        w.aws.actors().capacityProvider(DrainWorld.GROUP, "cp", 100, false, true);
        w.scaleInAt(w.clock.instant().plusSeconds(30), 2);
        w.run(Duration.ofMinutes(10));

        DrainRecord drain = onlyDrain(w);
        assertThat(drain.state()).isEqualTo(DrainRecord.State.STEPPED_ASIDE);
        assertThat(drain.detail()).contains("ECS managed draining");
        assertThat(w.mutations("Drain")).isEmpty();
        assertThat(w.mutations("CompleteLifecycleAction")).hasSize(1);
        assertThat(w.terminationOf(drain.instanceId()).serviceTasks()).isZero();
    }

    @Test
    void drainsAFollowerRecordedAreVettedByTheLeaderAsIfItHadReceivedThem() {
        DrainWorld w = DrainWorld.withHook(Duration.ofMinutes(1));
        w.aws.setup().group("other-asg", "batch", List.of("us-east-1a"), 1, 0, 2, DrainWorld.AMI);
        w.aws.actors().capacityProvider(DrainWorld.GROUP, "cp", 100, false, true);
        String ours = w.aws.peekGroup(DrainWorld.GROUP).instances().get(0).instanceId();
        DrainRunner follower = new DrainRunner(w.clock, w.store, w.aws.ports(),
                w.aws.lifecycleActions(), Map.of(w.target.name(), w.target), new LifecycleDrain(w.settings),
                DrainObserver.NONE, new Following());
        DrainRequest unconfigured = new DrainRequest(DrainRecord.Reason.SCALE_IN, "other-asg", "i-0123", "hook",
                "token-1");
        DrainRequest stranger = new DrainRequest(DrainRecord.Reason.SPOT_INTERRUPTION, "", "i-0456", "", "");
        DrainRequest managed = new DrainRequest(DrainRecord.Reason.SPOT_INTERRUPTION, "", ours, "", "");

        assertThat(List.of(unconfigured, stranger, managed)).allSatisfy(
                r -> assertThat(follower.accept(r)).isEqualTo(DrainRunner.Accepted.RECORDED));
        assertThat(follower.accept(managed)).isEqualTo(DrainRunner.Accepted.DUPLICATE);
        follower.tickDue();
        assertThat(w.store.active()).hasSize(3);
        assertThat(w.aws.log().mutations()).isEmpty();
        w.runner.tickDue();

        assertThat(w.store.active()).isEmpty();
        assertThat(w.store.find(unconfigured.drainId()).orElseThrow().state())
                .isEqualTo(DrainRecord.State.RELEASED);
        assertThat(w.store.find(stranger.drainId()).orElseThrow().state()).isEqualTo(DrainRecord.State.RELEASED);
        assertThat(w.store.find(managed.drainId()).orElseThrow().state())
                .isEqualTo(DrainRecord.State.STEPPED_ASIDE);
        assertThat(w.mutations("Drain")).isEmpty();
    }

    /** A replica that does not lead. */
    private static final class Following implements Leadership {
        @Override
        public boolean mayMutate() {
            return false;
        }

        @Override
        public long fencingToken() {
            return 0;
        }

        @Override
        public String replicaId() {
            return "b";
        }

        @Override
        public Optional<String> leader() {
            return Optional.of("a");
        }
    }

    private static DrainRecord onlyDrain(DrainWorld w) {
        assertThat(w.store.all()).hasSize(1);
        return w.store.all().get(0);
    }
}
