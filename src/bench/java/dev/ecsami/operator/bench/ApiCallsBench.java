package dev.ecsami.operator.bench;

import dev.ecsami.operator.aws.ReadsPerTickBench;
import dev.ecsami.operator.awsstub.AwsStub;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Figure 2: AWS calls through the real SDK adapters. Per tick: the reads of one warm tick against
 * a static WireMock fleet. Per replaced instance: every request of a whole surge rollout against
 * the stateful stub ({@link RolloutCallsBench}), by operation, over N.
 */
final class ApiCallsBench {
    static final int SERVICES = 25;
    /**
     * Largest N rolled out whole through the stub. N = 1000 takes figure 1's 10,000 ticks, each
     * parsing a 1000-instance group and ten 100-instance ECS answers: tens of minutes on 2 cores.
     */
    static final int STUB_MAX_N = Integer.getInteger("bench.stubRolloutMaxN", 100);

    private ApiCallsBench() {
    }

    static void measure(List<MakespanBench.Run> runs, Figures figures) {
        Figures.print("== 2. AWS API calls through the real SDK adapters (per tick: a static WireMock fleet, S=%d "
                + "services, one DRAINING instance, costliest of %d warm ticks %ss apart; per instance: figure 1's "
                + "surge rollout whole against the stateful stub, S=3, poll %ss) ==", SERVICES,
                ReadsPerTickBench.TICKS, ReadsPerTickBench.POLL.toSeconds(), MakespanBench.POLL.toSeconds());
        double msPerTick = 0;
        try (AwsStub stub = AwsStub.start()) {
            for (MakespanBench.Run run : runs) {
                if (!run.surge()) {
                    continue;
                }
                perTick(run.n(), figures);
                if (run.n() <= STUB_MAX_N) {
                    RolloutCallsBench.Calls calls = RolloutCallsBench.run(stub, run.n());
                    perInstance(calls, run, figures);
                    msPerTick = calls.wallMs() / (double) calls.ticks();
                } else {
                    long ticks = run.makespan().dividedBy(MakespanBench.POLL);
                    Figures.print("           whole rollout through the stub not run: %d ticks, at least %.0f s at "
                            + "the %.1f ms a tick of the last N run, and a tick costs more as N grows; "
                            + "-Dbench.stubRolloutMaxN=%d runs it", ticks, ticks * msPerTick / 1000, msPerTick,
                            run.n());
                }
            }
        }
    }

    private static void perTick(int n, Figures figures) {
        Map<String, Integer> reads = ReadsPerTickBench.warmTick(n, SERVICES, false);
        Map<String, Integer> booting = ReadsPerTickBench.warmTick(n, SERVICES, true);
        int total = ReadsPerTickBench.total(reads);
        int bootingTotal = ReadsPerTickBench.total(booting);
        int budget = 4 + ceilDiv(n, 100) + ceilDiv(SERVICES, 10);
        Figures.print("   N=%-5d reads per tick %d (budget 4+ceil(N/100)+ceil(S/10) = %d): %s", n, total, budget,
                reads);
        Figures.print("           with a replacement booting, not registered yet: %d: %s", bootingTotal, booting);
        figures.put("reads_per_tick_n" + n, total);
        figures.put("reads_per_tick_n" + n + "_booting", bootingTotal);
        figures.put("reads_budget_n" + n, budget);
    }

    private static void perInstance(RolloutCallsBench.Calls c, MakespanBench.Run simulated, Figures figures) {
        int n = c.n();
        Figures.print("           whole rollout through the stub: makespan %d s (figure 1: %d s), %d ticks = %.2f "
                + "per instance, wall %d ms", c.makespan().toSeconds(), simulated.makespan().toSeconds(), c.ticks(),
                c.perInstance(c.ticks()), c.wallMs());
        Figures.print("           %-36s %5s %8s %12s %14s", "operation", "kind", "calls", "per_instance",
                "start_command");
        c.byOperation().entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> !RolloutCallsBench.isRead(e.getKey()))
                        .thenComparing(Map.Entry::getValue, Comparator.reverseOrder()))
                .forEach(e -> Figures.print("           %-36s %5s %8d %12.3f %14d", e.getKey(),
                        RolloutCallsBench.isRead(e.getKey()) ? "read" : "write", e.getValue(),
                        c.perInstance(e.getValue()), c.startCommand().getOrDefault(e.getKey(), 0)));
        Figures.print("           %-36s %5s %8d %12.3f   mean per tick %.2f", "all reads", "", c.reads(),
                c.perInstance(c.reads()), c.readsPerTick());
        Figures.print("           %-36s %5s %8d %12.3f", "all writes", "", c.writes(), c.perInstance(c.writes()));
        figures.put("reads_per_instance_n" + n, c.perInstance(c.reads()));
        figures.put("writes_per_instance_n" + n, c.perInstance(c.writes()));
        figures.put("reads_per_tick_mean_n" + n, c.readsPerTick());
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
