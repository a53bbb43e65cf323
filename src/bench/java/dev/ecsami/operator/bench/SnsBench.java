package dev.ecsami.operator.bench;

import dev.ecsami.operator.ingest.SnsHttpReport;
import dev.ecsami.operator.ingest.sns.SnsIngestBench;

import java.util.Optional;

/**
 * Figure 4: SNS ingest throughput, latency and forged-message rejection, in-process (4) and over
 * HTTP (4b). The HTTP run is a {@code @QuarkusTest} in a JVM of its own that surefire runs before
 * the suite; this prints the report it left.
 */
final class SnsBench {
    static final int THREADS = 4;

    static void measure(Figures figures) throws Exception {
        Figures.print("== 4. SNS ingest, in-process (SnsGate with CachingCertificateFetcher, cert cached; "
                + "%d threads; no HTTP) ==", THREADS);
        SnsIngestBench.Result r = SnsIngestBench.run(THREADS);
        Figures.print("   %d distinct valid notifications: %.0f/s, p50 %.3f ms, p99 %.3f ms; %d accepted as valid",
                r.messages(), r.perSecond(), r.p50Ms(), r.p99Ms(), r.valid());
        Figures.print("   %d forged (half signed by another key, half altered after signing): %d rejected %s",
                r.forged(), r.forgedRejected(), r.rejectedBy());
        figures.put("sns_per_s", Math.round(r.perSecond()));
        figures.put("sns_p50_ms", r.p50Ms());
        figures.put("sns_p99_ms", r.p99Ms());
        figures.put("sns_forged_rejected", r.forgedRejected() / (double) r.forged());
        overHttp(figures);
    }

    private static void overHttp(Figures figures) throws Exception {
        Optional<SnsHttpReport> report = SnsHttpReport.read();
        if (report.isEmpty()) {
            Figures.print("== 4b. SNS ingest over HTTP: not measured (no %s; SnsHttpBench runs in the surefire "
                    + "execution bench-sns-http) ==", SnsHttpReport.FILE);
            return;
        }
        report.get().lines().forEach(line -> Figures.print("%s", line));
        report.get().figures().forEach(figures::put);
    }
}
