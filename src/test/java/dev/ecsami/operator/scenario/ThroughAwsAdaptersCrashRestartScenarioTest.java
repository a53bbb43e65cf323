package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.awsstub.StubbedPorts;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.store.FileRolloutStore;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CrashRestartScenarioTest}'s kill at every mutation, through the real adapters: the
 * restarted process has fresh adapters (empty caches) and still repeats nothing.
 */
class ThroughAwsAdaptersCrashRestartScenarioTest {
    private static final int INSTANCES = 3;

    @RegisterExtension
    static final ThroughAwsAdapters AWS = new ThroughAwsAdapters();

    private record Outcome(RolloutState state, Map<String, Long> mutations, int instances, int desired, int max,
                           boolean allNew, int violations) {
    }

    @Test
    void killedAndRestartedAtEveryMutationRepeatsNothingAndEndsTheSame(@TempDir Path tmp) {
        Outcome expected = run(tmp.resolve("baseline"), null);
        assertThat(expected.state()).isEqualTo(RolloutState.SUCCEEDED);
        long total = expected.mutations().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isGreaterThanOrEqualTo(2 + 2L * INSTANCES);

        for (int k = 1; k <= total; k++) {
            for (CrashingPorts.When when : CrashingPorts.When.values()) {
                Outcome actual = run(tmp.resolve("m" + k + when), new CrashingPorts(k, when));
                assertThat(actual).as("crash %s mutation %d", when, k).isEqualTo(expected);
            }
        }
    }

    private Outcome run(Path dir, CrashingPorts crash) {
        World w = World.fleetOf(INSTANCES, World.policy());
        w.store = new FileRolloutStore(TestJson.STORE, dir, 100, false);
        w.portsWrapper = ports -> crash == null ? StubbedPorts.over(AWS.stub(), w.aws)
                : crash.wrap(StubbedPorts.over(AWS.stub(), w.aws));
        w.wire();
        Rollout r = w.start();
        Instant end = w.clock.instant().plus(Duration.ofHours(2));
        while (w.rollout(r.id()).state() == RolloutState.RUNNING && w.clock.instant().isBefore(end)) {
            try {
                w.step();
            } catch (CrashingPorts.Crash killed) {
                w.store = new FileRolloutStore(TestJson.STORE, dir, 100, false);
                w.portsWrapper = ports -> StubbedPorts.over(AWS.stub(), w.aws);
                w.wire();
            }
        }
        w.runFor(Duration.ofMinutes(3));
        Map<String, Long> counts = new TreeMap<>();
        for (SimCallLog.MutationRecord m : w.aws.log().mutations()) {
            counts.merge(m.operation(), 1L, Long::sum);
        }
        var g = w.aws.peekGroup(World.GROUP);
        return new Outcome(w.rollout(r.id()).state(), counts, g.instances().size(), g.desired(), g.max(),
                w.instanceAmis().stream().allMatch(World.NEW_AMI::equals), w.violations.size());
    }
}
