package dev.ecsami.operator.bench;

import dev.ecsami.operator.aws.ReadsPerTickBench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figure 2: AWS calls per reconcile tick through the real SDK adapters against a static WireMock
 * fleet (reads), and per replaced instance from the simulated rollouts' call log (ticks and
 * mutations), combined as ticks per instance x reads per tick + mutations per instance.
 */
final class ApiCallsBench {
    static final int SERVICES = 25;

    static void measure(List<MakespanBench.Run> runs, Figures figures) {
        Figures.print("== 2. AWS API calls (reads: real SDK adapters vs a static WireMock fleet, S=%d services, "
                + "one DRAINING instance, costliest of %d warm ticks %ss apart; per instance: simulated rollouts, "
                + "surge on, poll %ss) ==", SERVICES, ReadsPerTickBench.TICKS,
                ReadsPerTickBench.POLL.toSeconds(), MakespanBench.POLL.toSeconds());
        for (MakespanBench.Run run : runs) {
            if (!run.surge()) {
                continue;
            }
            int n = run.n();
            Map<String, Integer> reads = ReadsPerTickBench.warmTick(n, SERVICES, false);
            Map<String, Integer> booting = ReadsPerTickBench.warmTick(n, SERVICES, true);
            int total = ReadsPerTickBench.total(reads);
            int bootingTotal = ReadsPerTickBench.total(booting);
            int budget = 4 + ceilDiv(n, 100) + ceilDiv(SERVICES, 10);
            double ticks = MakespanBench.ticksPerInstance(run);
            Map<String, Double> writes = new TreeMap<>();
            for (String op : List.of("UpdateAutoScalingGroup", "UpdateContainerInstancesState",
                    "TerminateInstanceInAutoScalingGroup", "CreateLaunchTemplateVersion")) {
                writes.put(op, run.calls().getOrDefault(op, 0) / (double) n);
            }
            double writesPerInstance = writes.values().stream().mapToDouble(Double::doubleValue).sum();
            Figures.print("   N=%-5d reads per tick %d (budget 4+ceil(N/100)+ceil(S/10) = %d): %s", n, total, budget,
                    reads);
            Figures.print("           with a replacement booting, not registered yet: %d: %s", bootingTotal, booting);
            Figures.print("           per replaced instance: %.1f ticks x %d reads = %.0f reads, + %.2f writes %s",
                    ticks, total, ticks * total, writesPerInstance, writes);
            figures.put("reads_per_tick_n" + n, total);
            figures.put("reads_per_tick_n" + n + "_booting", bootingTotal);
            figures.put("reads_budget_n" + n, budget);
            figures.put("reads_per_instance_n" + n, Math.round(ticks * total));
            figures.put("writes_per_instance_n" + n, writesPerInstance);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
