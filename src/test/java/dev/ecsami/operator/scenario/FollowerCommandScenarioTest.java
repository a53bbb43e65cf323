package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.NewAmiCheck;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.store.dynamo.DynamoRolloutStore;
import dev.ecsami.operator.store.dynamo.DynamoSharedKeys;
import dev.ecsami.operator.store.dynamo.DynamoTable;
import dev.ecsami.operator.store.dynamo.DynamoTestTables;
import dev.ecsami.operator.store.TestJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas share a DynamoDB table (dynalite) and one simulated AWS; HTTP commands go to the
 * follower, at every mutation of a rollout in turn. The follower records them and changes nothing
 * in AWS; the leader carries them out. Each run must answer and end as the same command sent to the
 * leader: no in-service instance left DRAINING, processes resumed, capacity back, the same
 * mutations (all the leader's), one Slack message edited rather than posted again.
 */
class FollowerCommandScenarioTest {
    private static final int INSTANCES = 2;

    /** How a run ended, compared between the replica the command went to. */
    record Outcome(RolloutState state, Map<String, Long> mutations, int desired, int max, List<String> suspended,
                   long drainingInService, boolean windingDown) {
    }

    /** The command's answer, as the API renders its essentials. */
    record Answer(RolloutState state, String reason, boolean windingDown, List<RolloutEvent.Type> added) {
    }

    record Run(Answer answer, Outcome outcome, List<String> violations, int followerMutations, int slackPosts,
               String trace) {
    }

    @Test
    void anAbortSentToTheFollowerAtAnyStepAnswersAndEndsAsOnTheLeader() {
        int total = undisturbedMutations().size();
        for (int k = 1; k < total; k++) {
            Run onLeader = run(k, true, (r, w) -> r.commands.abort(w, "ops"), UnaryOperator.identity());
            Run onFollower = run(k, false, (r, w) -> r.commands.abort(w, "ops"), UnaryOperator.identity());
            String as = "abort after mutation " + k + "\n" + onFollower.trace();
            assertThat(onFollower.answer()).as(as).isEqualTo(onLeader.answer());
            assertThat(onFollower.answer().state()).as(as).isEqualTo(RolloutState.ABORTED);
            assertThat(onFollower.outcome()).as(as).isEqualTo(onLeader.outcome());
            assertEndedCleanly(onFollower, as);
            assertEndedCleanly(onLeader, as);
        }
    }

    @Test
    void pauseAndResumeSentToTheFollowerLetTheRolloutSucceed() {
        Run run = run(3, false, (r, id) -> {
            r.commands.pause(id, "ops", "change freeze");
            return r.commands.resume(id, "ops");
        }, UnaryOperator.identity());
        assertThat(run.answer().state()).isEqualTo(RolloutState.RUNNING);
        assertThat(run.outcome().state()).isEqualTo(RolloutState.SUCCEEDED);
        assertEndedCleanly(run, run.trace());
    }

    @Test
    void aRollbackSentToTheFollowerMidDrainEndsWithNothingLeftDraining() {
        int midDrain = undisturbedMutations().indexOf("Drain") + 1;
        Run onLeader = run(midDrain, true, (r, id) -> r.commands.rollback(id, "ops"), UnaryOperator.identity());
        Run onFollower = run(midDrain, false, (r, id) -> r.commands.rollback(id, "ops"), UnaryOperator.identity());
        String as = "rollback after mutation " + midDrain + "\n" + onFollower.trace();
        assertThat(onFollower.answer()).as(as).isEqualTo(onLeader.answer());
        assertThat(onFollower.outcome()).as(as).isEqualTo(onLeader.outcome());
        assertEndedCleanly(onFollower, as);
    }

    @Test
    void anAbortRacingALeaderTickIsAppliedToTheLeadersCopy() {
        for (int k = 1; k <= 4; k++) {
            AtomicInteger races = new AtomicInteger();
            Run run = run(k, false, (r, id) -> r.commands.abort(id, "ops"),
                    store -> new RacingStore(store, races));
            String as = "abort racing a tick after mutation " + k + "\n" + run.trace();
            assertThat(races.get()).as(as).isPositive();
            assertThat(run.answer().state()).as(as).isEqualTo(RolloutState.ABORTED);
            assertThat(run.outcome().state()).as(as).isEqualTo(RolloutState.ABORTED);
            assertEndedCleanly(run, as);
        }
    }

    @Test
    void anAmiAnnouncementOnTheFollowerRecordsTheRolloutAndTheLeaderDrivesIt() {
        World w = World.fleetOf(INSTANCES, World.policy());
        DynamoTable table = DynamoTestTables.fresh();
        TableObserver observer = new TableObserver(new DynamoRolloutStore(TestJson.STORE, table, w.clock));
        w.store = observer;
        AtomicInteger followerMutations = new AtomicInteger();
        Replica leader = new Replica("a", w, table, Duration.ZERO, 0, Function.identity(), UnaryOperator.identity());
        Replica follower = new Replica("b", w, table, Duration.ofMinutes(4), 123_000_000_000L,
                p -> CrashingPorts.aroundMutations(p, (operation, call) -> {
                    followerMutations.incrementAndGet();
                    call.run();
                }), UnaryOperator.identity());
        leader.lease.poll();
        follower.lease.poll();
        assertThat(follower.leads()).isFalse();
        NewAmiCheck onFollower = new NewAmiCheck(follower.commands, follower.store, w.aws.ports(),
                (r, e) -> { });

        w.recordStart();
        List<NewAmiCheck.Outcome> outcomes = onFollower.run(new Trigger(Trigger.Kind.SQS, "m-1", "announcement"));

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo(NewAmiCheck.Action.STARTED));
        Rollout started = leader.store.activeFor(World.GROUP).orElseThrow();
        assertThat(w.aws.log().mutations()).as("the follower only records").isEmpty();
        observer.refresh();
        Instant end = w.clock.instant().plus(Duration.ofHours(1));
        while (w.rollout(started.id()).state() == RolloutState.RUNNING && w.clock.instant().isBefore(end)) {
            TableObserver.step(w, leader, follower);
        }
        assertThat(w.rollout(started.id()).state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(followerMutations.get()).isZero();
        assertThat(w.violations).isEmpty();
        assertThat(w.instanceAmis()).containsOnly(World.NEW_AMI);
    }

    private static void assertEndedCleanly(Run run, String as) {
        assertThat(run.violations()).as(as).isEmpty();
        assertThat(run.followerMutations()).as(as).isZero();
        assertThat(run.outcome().drainingInService()).as(as).isZero();
        assertThat(run.outcome().windingDown()).as(as).isFalse();
        assertThat(run.outcome().suspended()).as(as).isEmpty();
        assertThat(run.outcome().desired()).as(as).isEqualTo(INSTANCES);
        assertThat(run.slackPosts()).as(as).isEqualTo(1);
    }

    private static List<String> undisturbed;

    /** The operations of an undisturbed rollout's mutations, in order. */
    private synchronized List<String> undisturbedMutations() {
        if (undisturbed != null) {
            return undisturbed;
        }
        World[] world = new World[1];
        Run run = run(Integer.MAX_VALUE, true, (r, id) -> r.commands.get(id), UnaryOperator.identity(), world);
        assertThat(run.outcome().state()).isEqualTo(RolloutState.SUCCEEDED);
        undisturbed = world[0].aws.log().mutations().stream().map(SimCallLog.MutationRecord::operation).toList();
        return undisturbed;
    }

    private Run run(int k, boolean toLeader, BiFunction<Replica, String, Rollout> command,
                    UnaryOperator<RolloutStore> followerStore) {
        return run(k, toLeader, command, followerStore, new World[1]);
    }

    /**
     * Starts a rollout from the follower, lets the leader drive it to its {@code k}-th mutation,
     * sends the command to one replica, then runs until the group is let go of and settles.
     */
    private Run run(int k, boolean toLeader, BiFunction<Replica, String, Rollout> command,
                    UnaryOperator<RolloutStore> followerStore, World[] world) {
        World w = World.fleetOf(INSTANCES, World.policy());
        world[0] = w;
        DynamoTable table = DynamoTestTables.fresh();
        TableObserver observer = new TableObserver(new DynamoRolloutStore(TestJson.STORE, table, w.clock));
        w.store = observer;
        SlackMessages slack = new SlackMessages(new DynamoSharedKeys(table, w.clock));
        w.notifier = slack::changed;
        AtomicInteger followerMutations = new AtomicInteger();
        Replica leader = new Replica("a", w, table, Duration.ZERO, 0, Function.identity(), UnaryOperator.identity());
        RacingStore[] racing = new RacingStore[1];
        Replica follower = new Replica("b", w, table, Duration.ofMinutes(4), 123_000_000_000L,
                p -> CrashingPorts.aroundMutations(p, (operation, call) -> {
                    followerMutations.incrementAndGet();
                    call.run();
                }), s -> {
                    RolloutStore wrapped = followerStore.apply(s);
                    racing[0] = wrapped instanceof RacingStore rs ? rs : null;
                    return wrapped;
                });
        leader.lease.poll();
        follower.lease.poll();
        assertThat(leader.leads()).isTrue();
        Rollout r = follower.start(w);
        if (racing[0] != null) {
            racing[0].before(() -> leader.runner.tick(leader.store.find(r.id()).orElseThrow()));
        }
        observer.refresh();
        Instant end = w.clock.instant().plus(Duration.ofHours(1));
        while (w.aws.log().mutations().size() < k && w.rollout(r.id()).holdsGroup() && w.clock.instant().isBefore(end)) {
            TableObserver.step(w, leader, follower);
        }
        Rollout answered = command.apply(toLeader ? leader : follower, r.id());
        Answer answer = new Answer(answered.state(), answered.reason(), answered.windingDown(),
                answered.events().stream().skip(w.rollout(r.id()).events().size()).map(RolloutEvent::type).toList());
        observer.refresh();
        while (w.store.all().stream().anyMatch(Rollout::holdsGroup) && w.clock.instant().isBefore(end)) {
            TableObserver.step(w, leader, follower);
        }
        for (Instant settle = w.clock.instant().plus(Duration.ofMinutes(2)); w.clock.instant().isBefore(settle); ) {
            TableObserver.step(w, leader, follower);
        }
        Map<String, Long> counts = w.mutationCounts();
        var g = w.aws.peekGroup(World.GROUP);
        long drainingInService = w.aws.peekCluster(World.CLUSTER).instances().stream()
                .filter(ci -> ci.status() == ContainerInstance.Status.DRAINING)
                .filter(ci -> g.instance(ci.ec2InstanceId()).map(i -> !i.lifecycle().isLeaving()).orElse(false))
                .count();
        Rollout ended = w.rollout(r.id());
        Outcome outcome = new Outcome(ended.state(), counts, g.desired(), g.max(),
                List.copyOf(new java.util.TreeSet<>(g.suspendedProcesses())), drainingInService,
                w.store.all().stream().anyMatch(Rollout::windingDown));
        return new Run(answer, outcome, new ArrayList<>(w.violations), followerMutations.get(),
                slack.posts(r.id()), w.trace(r.id(), 25));
    }

    /**
     * What a Slack bot shared by replicas does with the message ids in the table: the first change of
     * a rollout posts its message, every later one edits it, whichever replica reports it.
     */
    static final class SlackMessages {
        private final DynamoSharedKeys keys;
        private final Map<String, Integer> posts = new java.util.concurrent.ConcurrentHashMap<>();

        SlackMessages(DynamoSharedKeys keys) {
            this.keys = keys;
        }

        void changed(Rollout r, List<RolloutEvent> events) {
            if (keys.putIfAbsent("slack-message#" + r.id(), "ts-" + r.id(), Instant.parse("2027-03-01T00:00:00Z"))) {
                posts.merge(r.id(), 1, Integer::sum);
            }
        }

        int posts(String rolloutId) {
            return posts.getOrDefault(rolloutId, 0);
        }
    }

    /**
     * The follower's store, where a leader tick lands between the command's read and its write
     * the first time the command writes: the write is refused and the command retried on the
     * leader's copy.
     */
    static final class RacingStore implements RolloutStore {
        private final RolloutStore store;
        private final AtomicInteger races;
        private Runnable tick = () -> { };

        RacingStore(RolloutStore store, AtomicInteger races) {
            this.store = store;
            this.races = races;
        }

        RacingStore before(Runnable leaderTick) {
            this.tick = leaderTick;
            return this;
        }

        @Override
        public void create(Rollout rollout) {
            store.create(rollout);
        }

        @Override
        public void update(Rollout before, Rollout after, long fencingToken) {
            if (after.state() == RolloutState.ABORTED && races.getAndIncrement() == 0) {
                tick.run();
            }
            store.update(before, after, fencingToken);
        }

        @Override
        public Optional<Rollout> find(String id) {
            return store.find(id);
        }

        @Override
        public List<Rollout> all() {
            return store.all();
        }
    }
}
