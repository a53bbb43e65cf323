package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.store.dynamo.DynamoRolloutStore;
import dev.ecsami.operator.store.dynamo.DynamoTable;
import dev.ecsami.operator.store.dynamo.DynamoTestTables;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two operator replicas share a DynamoDB table (dynalite) and one simulated AWS. The leader dies
 * at each mutation of a rollout in turn (just before it reaches AWS, or just after), one death per
 * run; the follower, whose wall clock is minutes off, takes over and finishes. Every run must end
 * as an undisturbed run does: same mutations, nothing repeated, invariants held.
 */
class FailoverScenarioTest {
    private static final int INSTANCES = 2;

    record Outcome(RolloutState state, Map<String, Long> mutations, int instances, int desired, int max,
                   boolean allOnNewAmi, int violations) {
    }

    /** What one run saw, besides its outcome. */
    record Run(Outcome outcome, Instant leaderDied, Instant followerLed, List<String> violations) {
    }

    @Test
    void theFollowerFinishesWhereverTheLeaderDiesRepeatingNothing() {
        Run undisturbed = run(Function.identity());
        assertThat(undisturbed.outcome().state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(undisturbed.violations()).isEmpty();
        long total = undisturbed.outcome().mutations().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isGreaterThanOrEqualTo(2 + 2L * INSTANCES);

        Duration slowest = Duration.ZERO;
        for (int k = 1; k <= total; k++) {
            for (CrashingPorts.When when : CrashingPorts.When.values()) {
                CrashingPorts crash = new CrashingPorts(k, when);
                Run failover = run(crash::wrap);
                String as = "leader dies " + when + " mutation " + k;
                assertThat(failover.outcome()).as(as).isEqualTo(undisturbed.outcome());
                assertThat(failover.violations()).as(as).isEmpty();
                assertThat(failover.leaderDied()).as(as).isNotNull();
                Duration takeover = Duration.between(failover.leaderDied(), failover.followerLed());
                assertThat(takeover).as(as).isLessThanOrEqualTo(Replica.LEASE.plus(World.STEP));
                slowest = takeover.compareTo(slowest) > 0 ? takeover : slowest;
            }
        }
        System.out.printf("FAILOVER %d deaths: the follower led at most %ss after the leader died (lease %ss, "
                + "renew and tick every %ss)%n", 2 * total, slowest.toSeconds(), Replica.LEASE.toSeconds(),
                World.STEP.toSeconds());
    }

    private Run run(Function<dev.ecsami.operator.core.port.FleetPorts, dev.ecsami.operator.core.port.FleetPorts> kill) {
        World w = World.fleetOf(INSTANCES, World.policy());
        DynamoTable table = DynamoTestTables.fresh();
        TableObserver observer = new TableObserver(new DynamoRolloutStore(TestJson.STORE, table, w.clock));
        w.store = observer;
        Replica leader = new Replica("a", w, table, Duration.ZERO, 0, kill, UnaryOperator.identity());
        Replica follower = new Replica("b", w, table, Duration.ofMinutes(7), 987_654_321_000L, Function.identity(),
                UnaryOperator.identity());
        leader.lease.poll();
        follower.lease.poll();
        assertThat(leader.leads()).isTrue();
        Rollout r = follower.start(w);
        observer.refresh();
        Instant died = null;
        Instant led = null;
        Instant end = w.clock.instant().plus(Duration.ofHours(2));
        while (w.rollout(r.id()).state() == RolloutState.RUNNING && w.clock.instant().isBefore(end)) {
            TableObserver.step(w, leader, follower);
            if (died == null && !leader.alive()) {
                died = w.clock.instant();
            }
            if (led == null && follower.leads()) {
                led = w.clock.instant();
            }
            assertThat(leader.leads() && follower.leads()).as("two leaders at %s", w.clock.instant()).isFalse();
        }
        for (Instant settle = w.clock.instant().plus(Duration.ofMinutes(3)); w.clock.instant().isBefore(settle); ) {
            TableObserver.step(w, leader, follower);
        }
        Map<String, Long> counts = w.mutationCounts();
        var g = w.aws.peekGroup(World.GROUP);
        Outcome outcome = new Outcome(w.rollout(r.id()).state(), counts, g.instances().size(), g.desired(), g.max(),
                w.instanceAmis().stream().allMatch(World.NEW_AMI::equals), w.violations.size());
        return new Run(outcome, died, led, new ArrayList<>(w.violations));
    }

}
