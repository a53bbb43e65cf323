package dev.ecsami.operator.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Figure 3: the packaged application ({@code target/quarkus-app}, JVM mode, default JVM flags)
 * started as a separate process on a free loopback port. Start-up is measured from the process
 * being spawned to the first 200 from /q/health/ready; resident memory is VmRSS from
 * /proc/&lt;pid&gt;/status, idle after start-up, and the maximum sampled during a simulated
 * 1000-instance rollout.
 */
final class StartupBench {
    static final int STARTS = 3;
    static final Duration LOAD_SAMPLING = Duration.ofSeconds(30);

    private static final List<String> IDLE = List.of("-Doperator.backend=simulated", "-Doperator.store.kind=memory",
            "-Doperator.targets.bench.cluster=c", "-Doperator.targets.bench.auto-scaling-group=g",
            "-Doperator.targets.bench.ami=amazon-linux-2023", "-Doperator.targets.bench.on-new-ami=notify",
            "-Doperator.ami-check.on-startup=false");
    private static final List<String> LOADED = List.of("-Doperator.backend=simulated", "-Doperator.store.kind=memory",
            "-Doperator.targets.bench.cluster=c", "-Doperator.targets.bench.auto-scaling-group=g",
            "-Doperator.targets.bench.ami=amazon-linux-2023", "-Doperator.targets.bench.on-new-ami=roll",
            "-Doperator.ami-check.on-startup=true", "-Doperator.simulation.instances=1000",
            "-Doperator.simulation.speed=200");

    private final Path appDir;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    StartupBench(Path appDir, Path logDir) {
        this.appDir = appDir;
        this.logDir = logDir;
    }

    /**
     * Wall time to ready depends on what else the machine runs; the CPU time the process used until
     * ready does not, and bounds the wall time on two idle cores from below at half of it.
     */
    void measure(Figures figures) throws Exception {
        Figures.print("== 3. Start-up and resident memory (%s, JVM mode, default heap flags) ==", appDir);
        long[] ready = new long[STARTS];
        long[] readyCpu = new long[STARTS];
        long idleRssKb = 0;
        for (int i = 0; i < STARTS; i++) {
            try (App app = start("idle-" + i, IDLE)) {
                ready[i] = app.readyMs;
                readyCpu[i] = app.readyCpuMs;
                Thread.sleep(3_000);
                idleRssKb = rssKb(app.process.pid(), "VmRSS");
                Figures.print("   start %d: ready after %d ms, %d ms CPU (Quarkus says: %s), VmRSS idle %d MB, "
                        + "load %s", i + 1, app.readyMs, app.readyCpuMs, app.startedLine(), idleRssKb / 1024,
                        Files.readString(Path.of("/proc/loadavg")).trim());
            }
        }
        Arrays.sort(ready);
        Arrays.sort(readyCpu);
        long readyMs = ready[STARTS / 2];
        long maxRssKb = 0;
        String progress;
        try (App app = start("rollout-1000", LOADED)) {
            long end = System.nanoTime() + LOAD_SAMPLING.toNanos();
            while (System.nanoTime() < end && app.process.isAlive()) {
                maxRssKb = Math.max(maxRssKb, rssKb(app.process.pid(), "VmRSS"));
                Thread.sleep(200);
            }
            progress = app.rolloutProgress();
            Figures.print("   N=1000 simulated rollout (speed 200): ready after %d ms, max VmRSS %d MB over %d s "
                    + "(VmHWM %d MB); %s", app.readyMs, maxRssKb / 1024, LOAD_SAMPLING.toSeconds(),
                    rssKb(app.process.pid(), "VmHWM") / 1024, progress);
        }
        Figures.print("   median ready %d ms of %d starts; idle VmRSS %d MB", readyMs, STARTS, idleRssKb / 1024);
        figures.put("ready_ms", readyMs);
        figures.put("ready_cpu_ms", readyCpu[STARTS / 2]);
        figures.put("rss_idle_mb", Math.round(idleRssKb / 1024.0));
        figures.put("rss_rollout_n1000_mb", Math.round(maxRssKb / 1024.0));
    }

    private App start(String name, List<String> properties) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(properties);
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-jar", appDir.resolve("quarkus-run.jar").toString()));
        Path log = logDir.resolve("app-" + name + ".log");
        Files.createDirectories(logDir);
        long spawned = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        App app = new App(process, log);
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = spawned + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    app.readyMs = (System.nanoTime() - spawned) / 1_000_000;
                    app.readyCpuMs = cpuMs(process.pid());
                    return app;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(10);
        }
        app.close();
        throw new IllegalStateException("the app did not become ready within 60 s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** User + system CPU time of the process so far (/proc/&lt;pid&gt;/stat, 100 ticks a second). */
    static long cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    static long rssKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }

    private static final class App implements AutoCloseable {
        final Process process;
        final Path log;
        long readyMs;
        long readyCpuMs;

        App(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        String startedLine() throws IOException {
            return Files.readAllLines(log).stream().filter(l -> l.contains("started in"))
                    .map(l -> l.replaceAll(".*(started in [0-9.]+s).*", "$1")).findFirst().orElse("n/a");
        }

        String rolloutProgress() throws IOException {
            List<String> lines = Files.readAllLines(log);
            long replacing = lines.stream().filter(l -> l.contains("replacing i-")).count();
            return replacing + " instances started replacing in the log";
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
