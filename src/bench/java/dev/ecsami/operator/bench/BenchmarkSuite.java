package dev.ecsami.operator.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs every benchmark in order and ends with one machine-readable line, {@code BENCH k=v ...}.
 * Benchmarks print figures; they do not pass or fail on timings. Run with
 * {@code ./mvnw -B -Pbench verify}; see docs/benchmarks.md. The line is also written to
 * {@code target/bench/BENCH.txt}.
 */
class BenchmarkSuite {

    @Test
    void printFigures() throws Exception {
        Figures figures = new Figures();
        Figures.print("machine: %d processors, load %s", Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).trim());
        List<MakespanBench.Run> runs = MakespanBench.measure(figures);
        PeerBench.measure(figures);
        ApiCallsBench.measure(runs, figures);
        StartupBench startup = new StartupBench(Path.of(System.getProperty("bench.appDir", "target/quarkus-app")),
                Path.of("target", "bench"));
        startup.measure(figures);
        SnsBench.measure(figures);
        TickCpuBench.measure(MakespanBench.snapshot, figures);
        CostAtScaleBench.measure(figures);
        Figures.print("machine load after: %s", Files.readString(Path.of("/proc/loadavg")).trim());
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "BENCH.txt"), figures.benchLine() + "\n");
        Figures.print("%s", figures.benchLine());
    }
}
