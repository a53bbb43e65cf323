package dev.ecsami.operator.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs every benchmark in order and ends with one machine-readable line, {@code BENCH k=v ...}.
 * Benchmarks print figures; they do not pass or fail on timings. Run with
 * {@code ./mvnw -B -Pbench verify}; see docs/benchmarks.md.
 */
class BenchmarkSuite {

    @Test
    void printFigures() throws Exception {
        Figures figures = new Figures();
        Figures.print("machine: %d processors, load %s", Runtime.getRuntime().availableProcessors(),
                java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
        List<MakespanBench.Run> runs = MakespanBench.measure(figures);
        ApiCallsBench.measure(runs, figures);
        StartupBench startup = new StartupBench(Path.of(System.getProperty("bench.appDir", "target/quarkus-app")),
                Path.of("target", "bench"));
        startup.measure(figures);
        SnsBench.measure(figures);
        TickCpuBench.measure(MakespanBench.snapshot, figures);
        Figures.print("machine load after: %s", java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
        Figures.print("%s", figures.benchLine());
    }
}
