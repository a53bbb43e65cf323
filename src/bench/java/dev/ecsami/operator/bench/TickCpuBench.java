package dev.ecsami.operator.bench;

import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.rollout.RolloutEngine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;

/**
 * Figure 5: CPU time of one reconcile tick over 50 targets of 1000 instances each, pure and
 * in-process: {@link RolloutEngine#tick} on prepared observations, no I/O. The prepared state is a
 * rollout halfway through a 1000-instance fleet (500 steps recorded, 500 instances outdated), which
 * is where the per-tick work peaks.
 */
final class TickCpuBench {
    static final int TARGETS = 50;
    static final int INSTANCES = 1000;
    static final int WARMUP = 20;
    static final int REPETITIONS = 50;

    record Snapshot(Rollout rollout, Observation observed, Instant now) {
    }

    static void measure(Snapshot snapshot, Figures figures) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RolloutEngine engine = new RolloutEngine();
        long[] cpu = new long[REPETITIONS];
        int sink = 0;
        for (int rep = -WARMUP; rep < REPETITIONS; rep++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int t = 0; t < TARGETS; t++) {
                sink += engine.tick(snapshot.rollout(), snapshot.observed(), snapshot.now()).mutations().size();
            }
            long used = threads.getCurrentThreadCpuTime() - start;
            if (rep >= 0) {
                cpu[rep] = used;
            }
        }
        Arrays.sort(cpu);
        double medianMs = cpu[REPETITIONS / 2] / 1e6;
        double p90Ms = cpu[REPETITIONS * 9 / 10] / 1e6;
        Figures.print("== 5. CPU time of one reconcile tick, %d targets x %d instances (%d steps recorded), "
                + "RolloutEngine.tick only ==", TARGETS, snapshot.observed().group().instances().size(),
                snapshot.rollout().steps().size());
        Figures.print("   median %.2f ms, p90 %.2f ms per tick of all %d targets (%.3f ms per target); "
                + "%d repetitions after %d warm-up (%d)", medianMs, p90Ms, TARGETS, medianMs / TARGETS,
                REPETITIONS, WARMUP, sink % 2);
        figures.put("tick_cpu_ms_50x1000", medianMs);
    }
}
