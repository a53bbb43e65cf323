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
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Figure 3: the packaged application ({@code target/quarkus-app}, JVM mode) started as a separate
 * process on a free loopback port, as the container image runs it: with the options of
 * {@code k8s-free-deploy/jvm.options} (which the image and the systemd unit also use) and the AppCDS
 * archive that {@code k8s-free-deploy/appcds.sh} writes (the image build runs it too). Start-up is
 * measured from the process being spawned to the first 200 from /q/health/ready; resident memory is
 * VmRSS from /proc/&lt;pid&gt;/status, idle after start-up, and the maximum sampled during a
 * simulated 1000-instance rollout. One idle start without the archive (the systemd unit) and one
 * with the JVM's default flags are printed for comparison.
 */
final class StartupBench {
    static final int STARTS = 3;
    static final Duration LOAD_SAMPLING = Duration.ofSeconds(30);
    static final Path JVM_OPTIONS = Path.of("k8s-free-deploy", "jvm.options");
    static final Path APPCDS_SCRIPT = Path.of("k8s-free-deploy", "appcds.sh");
    static final String ARCHIVE = "app-cds.jsa";

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
        Figures.print("== 3. Start-up and resident memory (%s, JVM mode, @%s and its AppCDS archive) ==", appDir,
                JVM_OPTIONS);
        Figures.print("   JVM options: %s", String.join(" ", options()));
        List<String> deployed = List.of("@" + JVM_OPTIONS.toAbsolutePath(),
                "-XX:SharedArchiveFile=" + createArchive());
        long[] ready = new long[STARTS];
        long[] readyCpu = new long[STARTS];
        long idleRssKb = 0;
        for (int i = 0; i < STARTS; i++) {
            try (App app = start("idle-" + i, deployed, IDLE)) {
                ready[i] = app.readyMs;
                readyCpu[i] = app.readyCpuMs;
                idleRssKb = app.idleRssKb();
                Figures.print("   start %d: %s", i + 1, app.describe());
            }
        }
        Arrays.sort(ready);
        Arrays.sort(readyCpu);
        long readyMs = ready[STARTS / 2];
        long maxRssKb = 0;
        try (App app = start("rollout-1000", deployed, LOADED)) {
            long end = System.nanoTime() + LOAD_SAMPLING.toNanos();
            while (System.nanoTime() < end && app.process.isAlive()) {
                maxRssKb = Math.max(maxRssKb, rssKb(app.process.pid(), "VmRSS"));
                Thread.sleep(200);
            }
            Figures.print("   N=1000 simulated rollout (speed 200): ready after %d ms, max VmRSS %d MB over %d s "
                    + "(VmHWM %d MB); %s", app.readyMs, maxRssKb / 1024, LOAD_SAMPLING.toSeconds(),
                    rssKb(app.process.pid(), "VmHWM") / 1024, app.rolloutProgress());
        }
        Figures.print("   median ready %d ms, %d ms CPU of %d starts; idle VmRSS %d MB", readyMs,
                readyCpu[STARTS / 2], STARTS, idleRssKb / 1024);
        figures.put("ready_ms", readyMs);
        figures.put("ready_cpu_ms", readyCpu[STARTS / 2]);
        figures.put("rss_idle_mb", Math.round(idleRssKb / 1024.0));
        figures.put("rss_rollout_n1000_mb", Math.round(maxRssKb / 1024.0));
        compare("no_appcds", "@" + JVM_OPTIONS + " without the archive (the systemd unit)",
                List.of("@" + JVM_OPTIONS.toAbsolutePath()), figures);
        compare("default_jvm", "default JVM flags (G1, heap a quarter of RAM, C2)", List.of(), figures);
    }

    /** One idle start for comparison, put as {@code ready_ms_<key>}, {@code ready_cpu_ms_<key>} and so on. */
    private void compare(String key, String what, List<String> jvmArgs, Figures figures) throws Exception {
        try (App app = start("idle-" + key, jvmArgs, IDLE)) {
            long idleRssKb = app.idleRssKb();
            Figures.print("   for comparison, %s: %s", what, app.describe());
            figures.put("ready_ms_" + key, app.readyMs);
            figures.put("ready_cpu_ms_" + key, app.readyCpuMs);
            figures.put("rss_idle_mb_" + key, Math.round(idleRssKb / 1024.0));
        }
    }

    /** The options of jvm.options, comments dropped, as java reads them. */
    private static List<String> options() throws IOException {
        return Files.readAllLines(JVM_OPTIONS).stream().map(l -> l.replaceAll("#.*", "").trim())
                .filter(l -> !l.isEmpty()).toList();
    }

    /** Runs appcds.sh as the image build does, with the JVM that runs the starts; returns the archive. */
    private Path createArchive() throws Exception {
        long started = System.nanoTime();
        Path log = logDir.resolve("appcds.log");
        Files.createDirectories(logDir);
        ProcessBuilder script = new ProcessBuilder("bash", APPCDS_SCRIPT.toString(),
                appDir.toAbsolutePath().toString(), JVM_OPTIONS.toString());
        script.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = script.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("appcds.sh failed; see " + log);
        }
        Path archive = appDir.toAbsolutePath().resolve(ARCHIVE);
        Figures.print("   AppCDS archive: %d MB, written in %d ms by %s", Files.size(archive) >> 20,
                (System.nanoTime() - started) / 1_000_000, APPCDS_SCRIPT);
        return archive;
    }

    private App start(String name, List<String> jvmArgs, List<String> properties) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(jvmArgs);
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
        long idleRssKb;

        App(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        String startedLine() throws IOException {
            return Files.readAllLines(log).stream().filter(l -> l.contains("started in"))
                    .map(l -> l.replaceAll(".*(started in [0-9.]+s).*", "$1")).findFirst().orElse("n/a");
        }

        /** VmRSS once the start-up has settled. */
        long idleRssKb() throws IOException, InterruptedException {
            Thread.sleep(3_000);
            idleRssKb = rssKb(process.pid(), "VmRSS");
            return idleRssKb;
        }

        String describe() throws IOException {
            boolean archive = Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps"))
                    .contains(ARCHIVE);
            return String.format(Locale.ROOT, "ready after %d ms, %d ms CPU (Quarkus says: %s), VmRSS idle %d MB, "
                    + "AppCDS archive %s, load %s", readyMs, readyCpuMs, startedLine(), idleRssKb / 1024,
                    archive ? "mapped" : "not mapped", Files.readString(Path.of("/proc/loadavg")).trim());
        }

        String rolloutProgress() throws IOException {
            List<String> lines = Files.readAllLines(log);
            long replacing = lines.stream().filter(l -> l.contains("replacing i-")).count();
            boolean oom = lines.stream().anyMatch(l -> l.contains("OutOfMemoryError"));
            return replacing + " instances started replacing in the log" + (oom ? ", OutOfMemoryError" : "")
                    + (process.isAlive() ? "" : ", exited with " + process.exitValue());
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
