package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.drain.LifecycleDrain;
import dev.ecsami.operator.core.port.LifecycleActions;
import dev.ecsami.operator.runtime.DrainObserver;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.runtime.LeaderLease;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.sim.SimNotice;
import dev.ecsami.operator.store.dynamo.DynamoDrainStore;
import dev.ecsami.operator.store.dynamo.DynamoLeaseTable;
import dev.ecsami.operator.store.dynamo.DynamoTable;
import dev.ecsami.operator.store.dynamo.DynamoTestTables;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas share the drain records in a DynamoDB table (dynalite). The leader dies while a
 * scale-in drain runs, at points up to just before the next heartbeat; the follower takes the lease,
 * resumes the heartbeats before the hook's heartbeat timeout runs out, and completes the lifecycle
 * action once, after the tasks have left.
 */
class DrainFailoverScenarioTest {
    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final Duration STEP = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMinutes(1);

    /** One replica: its lease and its drain runner over the shared table. */
    private static final class Replica {
        final LeaderLease lease;
        final DrainRunner drains;
        final DynamoDrainStore store;
        boolean alive = true;

        Replica(String id, DrainWorld w, DynamoTable table, long monotonicOrigin, Duration skew) {
            this(id, w, table, monotonicOrigin, skew, (operation, call) -> call.run());
        }

        /** A replica whose every AWS mutation goes through {@code around(operation, call)}. */
        Replica(String id, DrainWorld w, DynamoTable table, long monotonicOrigin, Duration skew,
                BiConsumer<String, Runnable> around) {
            Instant start = w.clock.instant();
            lease = new LeaderLease(id, new DynamoLeaseTable(table), LEASE, STEP, Clock.offset(w.clock, skew),
                    () -> monotonicOrigin + Duration.between(start, w.clock.instant()).toNanos());
            store = new DynamoDrainStore(TestJson.STORE, table);
            LifecycleActions actions = w.aws.lifecycleActions();
            drains = new DrainRunner(w.clock, store, CrashingPorts.aroundMutations(w.aws.ports(), around),
                    new LifecycleActions() {
                        @Override
                        public void heartbeat(String group, String hook, String instanceId, String token) {
                            around.accept("Heartbeat", () -> actions.heartbeat(group, hook, instanceId, token));
                        }

                        @Override
                        public void complete(String group, String hook, String instanceId, String token,
                                             String result) {
                            around.accept("CompleteLifecycleAction",
                                    () -> actions.complete(group, hook, instanceId, token, result));
                        }
                    }, Map.of(w.target.name(), w.target), new LifecycleDrain(w.settings), DrainObserver.NONE,
                    lease);
        }

        boolean leads() {
            return alive && lease.mayMutate();
        }
    }

    @Test
    void theFollowerResumesTheHeartbeatsAndCompletesTheHookOnce() {
        for (int secondsAfterHeartbeat : new int[] {0, 10, 20, 25}) {
            String as = "leader dies " + secondsAfterHeartbeat + "s after a heartbeat";
            DrainWorld w = DrainWorld.withHook(HEARTBEAT_TIMEOUT);
            w.slowTasksEverywhere(Duration.ofMinutes(3));
            DynamoTable table = DynamoTestTables.fresh();
            Replica leader = new Replica("a", w, table, 0, Duration.ZERO);
            Replica follower = new Replica("b", w, table, 55_000_000_000L, Duration.ofMinutes(3));
            leader.lease.poll();
            follower.lease.poll();
            assertThat(leader.leads()).as(as).isTrue();
            w.scaleInAt(w.clock.instant().plusSeconds(30), 2);

            List<SimNotice> undelivered = new ArrayList<>();
            Instant died = null;
            Instant end = w.clock.instant().plus(Duration.ofMinutes(15));
            while (w.clock.instant().isBefore(end) && !settled(w)) {
                w.clock.advance(STEP);
                w.aws.advance();
                undelivered.addAll(w.aws.takeNotices());
                for (Replica r : List.of(leader, follower)) {
                    if (!r.alive) {
                        continue;
                    }
                    r.lease.poll();
                    if (r.leads()) {
                        undelivered.forEach(n -> r.drains.accept(DrainWorld.request(n)));
                        undelivered.clear();
                    }
                    r.drains.tickDue();
                }
                assertThat(leader.leads() && follower.leads()).as(as).isFalse();
                if (died == null && heartbeats(w) >= 2 && sinceLastHeartbeat(w).equals(
                        Duration.ofSeconds(secondsAfterHeartbeat))) {
                    leader.alive = false;
                    died = w.clock.instant();
                }
            }

            assertThat(died).as(as).isNotNull();
            DrainRecord drain = follower.store.all().get(0);
            assertThat(drain.state()).as(as).isEqualTo(DrainRecord.State.COMPLETED);
            assertThat(w.hookExpired()).as(as + ": no heartbeat came late").isFalse();
            assertThat(w.mutations("CompleteLifecycleAction")).as(as).hasSize(1);
            SimCallLog.TerminationRecord gone = w.terminationOf(drain.instanceId());
            assertThat(gone.serviceTasks() + gone.standaloneTasks()).as(as).isZero();
            Instant deathAt = died;
            assertThat(w.mutations("Heartbeat")).as(as + ": the follower heartbeats after the death")
                    .anySatisfy(m -> assertThat(m.at()).isAfter(deathAt));
            assertThat(w.mutations("Drain")).as(as).hasSize(1);
        }
    }

    @Test
    void lifecycleAndSpotMessagesDeliveredOnlyToTheFollowerAreDrainedByTheLeaderOnce() {
        DrainWorld w = DrainWorld.withHook(HEARTBEAT_TIMEOUT);
        w.slowTasksEverywhere(Duration.ofMinutes(3));
        DynamoTable table = DynamoTestTables.fresh();
        List<String> followerMutations = new ArrayList<>();
        Replica leader = new Replica("a", w, table, 0, Duration.ZERO);
        Replica follower = new Replica("b", w, table, 55_000_000_000L, Duration.ofMinutes(3),
                (operation, call) -> {
                    followerMutations.add(operation);
                    call.run();
                });
        leader.lease.poll();
        follower.lease.poll();
        assertThat(leader.leads()).isTrue();
        String spotVictim = w.aws.peekGroup(DrainWorld.GROUP).instances().get(2).instanceId();
        Instant warning = w.clock.instant().plusSeconds(20);
        w.aws.actors().spotInterruption(DrainWorld.GROUP, spotVictim, warning, 1);
        w.scaleInAt(w.clock.instant().plusSeconds(30), 2);

        List<DrainRunner.Accepted> accepted = new ArrayList<>();
        for (Instant end = w.clock.instant().plus(Duration.ofMinutes(10)); w.clock.instant().isBefore(end); ) {
            w.clock.advance(STEP);
            w.aws.advance();
            for (SimNotice n : w.aws.takeNotices()) {
                accepted.add(follower.drains.accept(DrainWorld.request(n)));
                accepted.add(follower.drains.accept(DrainWorld.request(n)));
            }
            for (Replica r : List.of(leader, follower)) {
                r.lease.poll();
                r.drains.tickDue();
            }
        }

        assertThat(follower.leads()).isFalse();
        assertThat(followerMutations).as("the follower changes nothing in AWS").isEmpty();
        assertThat(accepted).containsOnly(DrainRunner.Accepted.RECORDED, DrainRunner.Accepted.DUPLICATE);
        List<DrainRecord> drains = leader.store.all();
        assertThat(drains).extracting(DrainRecord::reason).contains(DrainRecord.Reason.SPOT_INTERRUPTION,
                DrainRecord.Reason.SCALE_IN);
        assertThat(drains).allSatisfy(d -> {
            assertThat(d.state()).as(d.toString()).isIn(DrainRecord.State.COMPLETED, DrainRecord.State.LOST);
            assertThat(d.target()).isEqualTo(w.target.name());
        });
        assertThat(w.hookExpired()).as("no hook ran out its heartbeat timeout").isFalse();
        assertThat(w.mutations("Drain")).as("each instance set DRAINING once").extracting(
                SimCallLog.MutationRecord::detail).doesNotHaveDuplicates()
                .containsAll(drains.stream().map(DrainRecord::instanceId).toList());
        assertThat(w.mutations("Drain")).filteredOn(m -> m.detail().equals(spotVictim)).singleElement()
                .satisfies(m -> assertThat(Duration.between(warning, m.at())).isLessThanOrEqualTo(STEP));
        List<DrainRecord> hooked = drains.stream().filter(DrainRecord::holdsHook).toList();
        assertThat(hooked).isNotEmpty().allSatisfy(d -> {
            assertThat(d.state()).isEqualTo(DrainRecord.State.COMPLETED);
            SimCallLog.TerminationRecord gone = w.terminationOf(d.instanceId());
            assertThat(gone.serviceTasks() + gone.standaloneTasks()).isZero();
        });
        assertThat(w.mutations("CompleteLifecycleAction")).as("each hook completed once")
                .extracting(SimCallLog.MutationRecord::detail).doesNotHaveDuplicates().hasSize(hooked.size());
    }

    /** A minute after the hook was completed: a second completion would have come by then. */
    private static boolean settled(DrainWorld w) {
        List<SimCallLog.MutationRecord> completed = w.mutations("CompleteLifecycleAction");
        return !completed.isEmpty() && completed.get(0).at().plus(Duration.ofMinutes(1)).isBefore(w.clock.instant());
    }

    private static int heartbeats(DrainWorld w) {
        return w.mutations("Heartbeat").size();
    }

    private static Duration sinceLastHeartbeat(DrainWorld w) {
        List<SimCallLog.MutationRecord> beats = w.mutations("Heartbeat");
        return Duration.between(beats.get(beats.size() - 1).at(), w.clock.instant());
    }
}
