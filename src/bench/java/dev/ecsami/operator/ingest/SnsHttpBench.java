package dev.ecsami.operator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.SimulatedTestProfile;
import dev.ecsami.operator.app.SimulatedBackend;
import dev.ecsami.operator.ingest.sns.PreSigned;
import dev.ecsami.operator.ingest.sns.TestMessage;
import dev.ecsami.operator.ingest.sns.TestPki;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Figure 4b: {@code POST /sns} of the running application, driven over loopback by {@link HttpLoad}
 * in the same JVM, so client and server share the cores. Certificates come from the test PKI
 * ({@link IngestTestBeans}); the certificate is cached after the first message. Every message is a
 * distinct, pre-signed AMI announcement for the allowed topic. Run by the surefire execution
 * {@code bench-sns-http} before the suite, which prints the {@link SnsHttpReport} this writes.
 */
@QuarkusTest
@TestProfile(SnsHttpBench.Profile.class)
class SnsHttpBench {
    static final int CONNECTIONS = 8;
    static final int WARM_UP = 4_000;
    /** The warm-up messages are sent this often: repeats are verified in full, then answered as duplicates. */
    static final int WARM_UP_PASSES = 5;
    static final int MEASURED = 12_000;
    static final int FORGED = 1_000;

    /**
     * The shared simulated profile with one target, pinned to the AMI its simulated group already
     * runs, so each accepted announcement costs the work queue one cheap AMI check that finds it
     * current. On a free port, logging to a file so that a flood stays off the console.
     */
    public static class Profile extends SimulatedTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> c = new HashMap<>(super.getConfigOverrides());
            c.keySet().removeIf(key -> key.startsWith("operator.targets."));
            c.put("operator.targets.bench.cluster", "bench-cluster");
            c.put("operator.targets.bench.auto-scaling-group", "bench-asg");
            c.put("operator.targets.bench.ami", SimulatedBackend.OLD_AMI);
            c.put("operator.targets.bench.on-new-ami", "notify");
            c.put("quarkus.http.test-port", "0");
            c.put("quarkus.log.console.enable", "false");
            c.put("quarkus.log.file.enable", "true");
            c.put("quarkus.log.file.json.enabled", "false");
            c.put("quarkus.log.file.path", Path.of("target", "bench", "sns-http-app.log").toAbsolutePath().toString());
            return c;
        }
    }

    @TestHTTPResource("/sns")
    URI sns;

    @Inject
    IngestJournal journal;

    @Test
    void measure() throws Exception {
        TestPki pki = TestPki.get();
        List<byte[]> warmUp = PreSigned.valid(WARM_UP, this::unsigned, pki.sns.key());
        List<byte[]> measured = PreSigned.valid(MEASURED, this::unsigned, pki.sns.key());
        List<byte[]> forged = PreSigned.forged(FORGED, this::unsigned, pki.sns.key());
        HttpLoad load = new HttpLoad(sns, CONNECTIONS);

        HttpLoad.Result w = load.post(Collections.nCopies(WARM_UP_PASSES, warmUp).stream()
                .flatMap(List::stream).toList());
        handledSoFar();
        String loadBefore = loadAverage();
        HttpLoad.Result m = load.post(measured);
        String loadAfter = loadAverage();
        handledSoFar();
        HttpLoad.Result f = load.post(forged);

        report(w, m, f, loadBefore + " -> " + loadAfter).write();
        assertThat(f.problems(403)).as("forged messages refused with 403 problem+json").isEqualTo(FORGED);
    }

    private static SnsHttpReport report(HttpLoad.Result w, HttpLoad.Result m, HttpLoad.Result f, String load) {
        List<String> lines = new ArrayList<>();
        lines.add(format("== 4b. SNS ingest over HTTP (POST /sns of the @QuarkusTest application, simulated backend, "
                + "serial GC, certificate cached; %d keep-alive HTTP/1.1 connections from a plain-socket client in the "
                + "same JVM, so client and server share the %d cores) ==", CONNECTIONS,
                Runtime.getRuntime().availableProcessors()));
        lines.add(format("   warm-up: %d distinct valid sent %d times, %d requests in %.1f s (%.0f/s), answers %s",
                WARM_UP, WARM_UP_PASSES, w.requests(), w.seconds(), w.perSecond(), w.answers()));
        lines.add(format("   %d distinct valid notifications: %.0f/s, p50 %.3f ms, p99 %.3f ms, answers %s "
                + "(503: the ingest backlog was full), so %.0f/s accepted; load %s", m.requests(), m.perSecond(),
                m.percentileMs(0.5), m.percentileMs(0.99), m.answers(), okPerSecond(m), load));
        lines.add(format("   CPU per request: %.3f ms in all, of which server %.3f, work queue %.3f, client %.3f, "
                + "other threads %.3f, JVM (GC, JIT) %.3f; %.2f cores busy on average", m.cpuMsPerRequest("process"),
                m.cpuMsPerRequest("server"), m.cpuMsPerRequest("work queue"), m.cpuMsPerRequest("client"),
                m.cpuMsPerRequest("other threads"), m.cpuMsPerRequest("jvm"),
                m.cpuNs().get("process") / 1e9 / m.seconds()));
        lines.add(format("   %d forged (half signed by another key, half altered after signing): %d refused with 403 "
                + "problem+json, answers %s", f.requests(), f.problems(403), f.answers()));
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("sns_http_per_s", (double) Math.round(m.perSecond()));
        figures.put("sns_http_p50_ms", m.percentileMs(0.5));
        figures.put("sns_http_p99_ms", m.percentileMs(0.99));
        figures.put("sns_http_ok", (double) m.count("200 "));
        figures.put("sns_http_busy", (double) m.count("503 "));
        figures.put("sns_http_ok_per_s", (double) Math.round(okPerSecond(m)));
        figures.put("sns_http_cpu_ms", m.cpuMsPerRequest("process"));
        figures.put("sns_http_server_cpu_ms", m.cpuMsPerRequest("server"));
        figures.put("sns_http_forged_rejected", f.problems(403) / (double) f.requests());
        return new SnsHttpReport(lines, figures);
    }

    private static double okPerSecond(HttpLoad.Result r) {
        return r.count("200 ") / r.seconds();
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    private TestMessage unsigned() {
        return Announcements.notification(Instant.now());
    }

    /**
     * Posts one more announcement (again while the backlog is full) and waits until it was handled:
     * work is handled in arrival order, so everything accepted before it was handled too.
     */
    private void handledSoFar() throws Exception {
        HttpLoad single = new HttpLoad(sns, 1);
        TestMessage barrier = Announcements.signedNotification(Instant.now());
        Eventually.value("the barrier message accepted", () -> Optional.of(barrier)
                .filter(b -> post(single, b).count("200 ") == 1));
        Eventually.value("handling of the barrier", () -> journal.entriesFor(barrier.get("MessageId")).stream()
                .findFirst());
    }

    private static HttpLoad.Result post(HttpLoad load, TestMessage message) {
        try {
            return load.post(List.of(message.body()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
    }
}
