package dev.ecsami.operator.bench;

import dev.ecsami.operator.ingest.sns.SnsIngestBench;

/** Figure 4: SNS ingest throughput, latency and forged-message rejection, in-process. */
final class SnsBench {
    static final int THREADS = 4;

    static void measure(Figures figures) throws Exception {
        Figures.print("== 4. SNS ingest, in-process (SnsIngest with CachingCertificateFetcher, cert cached; "
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
    }
}
