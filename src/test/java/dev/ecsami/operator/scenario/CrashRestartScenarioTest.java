package dev.ecsami.operator.scenario;

import dev.ecsami.operator.store.TestJson;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.store.FileRolloutStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The process is killed at every mutation of a rollout (just before and just after the call
 * reaches AWS) and at every save, then restarted from its store: no mutation is repeated and the
 * fleet ends exactly as in an uninterrupted rollout.
 */
class CrashRestartScenarioTest {
    private static final int INSTANCES = 3;

    private record Outcome(RolloutState state, Map<String, Long> mutations, int instances, int desired, int max,
                           boolean allNew, int violations) {
    }

    @Test
    void killedAndRestartedAtEveryMutationRepeatsNothingAndEndsTheSame(@TempDir Path tmp) {
        Outcome expected = run(tmp.resolve("baseline"), Function.identity(), Integer.MAX_VALUE);
        assertThat(expected.state()).isEqualTo(RolloutState.SUCCEEDED);
        assertThat(expected.mutations()).containsKeys("SuspendProcesses", "ResumeProcesses", "Protect", "Unprotect");
        long total = expected.mutations().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isGreaterThanOrEqualTo(2 + 2L * INSTANCES);

        for (int k = 1; k <= total; k++) {
            for (CrashingPorts.When when : CrashingPorts.When.values()) {
                CrashingPorts crash = new CrashingPorts(k, when);
                Outcome actual = run(tmp.resolve("m" + k + when), crash::wrap, Integer.MAX_VALUE);
                assertThat(actual).as("crash %s mutation %d", when, k).isEqualTo(expected);
            }
        }
    }

    @Test
    void killedAtEverySaveRepeatsNothingAndEndsTheSame(@TempDir Path tmp) {
        Outcome expected = run(tmp.resolve("baseline"), Function.identity(), Integer.MAX_VALUE);
        for (int save = 2; save <= 120; save += 3) {
            Outcome actual = run(tmp.resolve("s" + save), Function.identity(), save);
            assertThat(actual).as("crash at save %d", save).isEqualTo(expected);
        }
    }

    private Outcome run(Path dir, Function<dev.ecsami.operator.core.port.FleetPorts,
            dev.ecsami.operator.core.port.FleetPorts> wrapper, int crashAtSave) {
        World w = World.fleetOf(INSTANCES, World.policy());
        int[] saves = {0};
        w.store = crashingStore(new FileRolloutStore(TestJson.STORE, dir, 100, false), saves, crashAtSave);
        w.portsWrapper = wrapper;
        w.wire();
        Rollout r = w.start();
        Duration limit = Duration.ofHours(2);
        java.time.Instant end = w.clock.instant().plus(limit);
        while (w.rollout(r.id()).state() == RolloutState.RUNNING && w.clock.instant().isBefore(end)) {
            try {
                w.step();
            } catch (CrashingPorts.Crash crash) {
                w.store = crashingStore(new FileRolloutStore(TestJson.STORE, dir, 100, false), saves, Integer.MAX_VALUE);
                w.portsWrapper = Function.identity();
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

    private static RolloutStore crashingStore(RolloutStore inner, int[] saves, int crashAt) {
        return new RolloutStore() {
            @Override
            public void create(Rollout rollout) {
                if (++saves[0] == crashAt) {
                    throw new CrashingPorts.Crash("before save #" + saves[0]);
                }
                inner.create(rollout);
            }

            @Override
            public void update(Rollout before, Rollout after, long fencingToken) {
                if (++saves[0] == crashAt) {
                    throw new CrashingPorts.Crash("before save #" + saves[0]);
                }
                inner.update(before, after, fencingToken);
            }

            @Override
            public java.util.Optional<Rollout> find(String id) {
                return inner.find(id);
            }

            @Override
            public java.util.List<Rollout> all() {
                return inner.all();
            }
        };
    }
}
