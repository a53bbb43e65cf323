package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.store.dynamo.DynamoRolloutStore;
import dev.ecsami.operator.store.dynamo.DynamoTable;
import dev.ecsami.operator.store.dynamo.DynamoTestTables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the shared store costs in DynamoDB requests: per tick of the leader and of a follower, with
 * and without a running rollout, and for a whole rollout. The figures are printed for
 * docs/benchmarks.md; the bounds below are the ones the docs promise.
 */
class DynamoCallsBudgetTest {
    private static final int INSTANCES = 6;

    /** Requests of one replica, by operation; a request the SDK had to retry counts once. */
    private static final class Counted implements ExecutionInterceptor {
        final Map<String, Long> calls = new TreeMap<>();

        @Override
        public synchronized void afterExecution(Context.AfterExecution context, ExecutionAttributes a) {
            calls.merge(a.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1L, Long::sum);
        }

        synchronized long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }

        synchronized void reset() {
            calls.clear();
        }
    }

    @Test
    void aRolloutCostsAFewRequestsPerTickAndAFollowerOneRead() {
        World w = World.fleetOf(INSTANCES, World.policy());
        DynamoTable table = DynamoTestTables.fresh();
        Counted leaderCalls = new Counted();
        Counted followerCalls = new Counted();
        w.store = new TableObserver(new DynamoRolloutStore(TestJson.STORE, table, w.clock));
        Replica leader = new Replica("a", w, new DynamoTable(DynamoTestTables.client(leaderCalls), table.name()),
                Duration.ZERO, 0, Function.identity(), UnaryOperator.identity());
        Replica follower = new Replica("b", w, new DynamoTable(DynamoTestTables.client(followerCalls), table.name()),
                Duration.ZERO, 7, Function.identity(), UnaryOperator.identity());
        leader.lease.poll();
        follower.lease.poll();

        int idleSteps = 12;
        leaderCalls.reset();
        followerCalls.reset();
        for (int i = 0; i < idleSteps; i++) {
            TableObserver.step(w, leader, follower);
        }
        double leaderIdle = (double) leaderCalls.total() / idleSteps;
        double followerIdle = (double) followerCalls.total() / idleSteps;

        Rollout r = leader.start(w);
        leaderCalls.reset();
        followerCalls.reset();
        int steps = 0;
        while (w.rollout(r.id()).state() == RolloutState.RUNNING && steps < 2000) {
            TableObserver.step(w, leader, follower);
            steps++;
        }
        assertThat(w.rollout(r.id()).state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(w.violations).isEmpty();
        double leaderPerStep = (double) leaderCalls.total() / steps;
        double followerPerStep = (double) followerCalls.total() / steps;
        System.out.printf("DYNAMODB idle: leader %.2f, follower %.2f requests per %ss step%n", leaderIdle,
                followerIdle, World.STEP.toSeconds());
        System.out.printf("DYNAMODB rollout of %d instances: %d steps of %ss, leader %d requests %s (%.2f per step), "
                        + "follower %d (%.2f per step)%n", INSTANCES, steps, World.STEP.toSeconds(), leaderCalls.total(),
                leaderCalls.calls, leaderPerStep, followerCalls.total(), followerPerStep);

        assertThat(followerIdle).isEqualTo(1.0);
        assertThat(followerPerStep).isEqualTo(1.0);
        assertThat(leaderIdle).isEqualTo(2.0);
        assertThat(leaderPerStep).isLessThanOrEqualTo(4.0);
        assertThat(leaderCalls.total()).isLessThanOrEqualTo(100L * INSTANCES + 2L * steps);
    }

}
