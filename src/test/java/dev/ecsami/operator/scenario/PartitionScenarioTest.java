package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.store.dynamo.DynamoRolloutStore;
import dev.ecsami.operator.store.dynamo.DynamoTable;
import dev.ecsami.operator.store.dynamo.DynamoTestTables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leader loses the table (a network partition) while an instance drains. It must stop changing
 * AWS before its lease can expire for the follower, which then finishes the rollout.
 */
class PartitionScenarioTest {

    @Test
    void aLeaderCutOffFromTheTableStopsMutatingBeforeTheFollowerMayTakeOver() {
        World w = World.fleetOf(2, World.policy());
        DynamoTable table = DynamoTestTables.fresh();
        AtomicBoolean cut = new AtomicBoolean();
        DynamoTable leadersView = new DynamoTable(DynamoTestTables.client(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (cut.get()) {
                    throw SdkClientException.create("partitioned from the table");
                }
            }
        }), table.name());
        w.store = new TableObserver(new DynamoRolloutStore(TestJson.STORE, table, w.clock));
        List<Instant> leaderMutations = new ArrayList<>();
        Replica leader = new Replica("a", w, leadersView, Duration.ZERO, 0,
                p -> CrashingPorts.aroundMutations(p, (operation, call) -> {
                    leaderMutations.add(w.clock.instant());
                    call.run();
                }), UnaryOperator.identity());
        Replica follower = new Replica("b", w, table, Duration.ofMinutes(-3), 42_000_000_000L,
                p -> p, UnaryOperator.identity());
        leader.lease.poll();
        follower.lease.poll();
        Rollout r = leader.start(w);

        while (!draining(w)) {
            TableObserver.step(w, leader, follower);
        }
        cut.set(true);
        Instant cutAt = w.clock.instant();
        Instant leaderStopped = null;
        Instant followerLed = null;
        while (w.rollout(r.id()).state() == RolloutState.RUNNING
                && w.clock.instant().isBefore(cutAt.plus(Duration.ofHours(1)))) {
            TableObserver.step(w, leader, follower);
            if (leaderStopped == null && !leader.leads()) {
                leaderStopped = w.clock.instant();
            }
            if (followerLed == null && follower.leads()) {
                followerLed = w.clock.instant();
            }
            assertThat(leader.leads() && follower.leads()).isFalse();
        }

        assertThat(w.rollout(r.id()).state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        assertThat(leaderStopped).isNotNull().isBefore(followerLed);
        assertThat(Duration.between(leaderStopped, followerLed)).isGreaterThanOrEqualTo(Replica.RENEW);
        Instant stopped = leaderStopped;
        assertThat(leaderMutations).allSatisfy(at -> assertThat(at).isBefore(stopped));
        assertThat(Duration.between(cutAt, followerLed)).isLessThanOrEqualTo(Replica.LEASE.plus(World.STEP));
    }

    private static boolean draining(World w) {
        return w.aws.peekCluster(World.CLUSTER).instances().stream()
                .anyMatch(ci -> ci.status() == ContainerInstance.Status.DRAINING);
    }
}
