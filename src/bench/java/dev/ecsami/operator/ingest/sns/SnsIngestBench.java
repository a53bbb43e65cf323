package dev.ecsami.operator.ingest.sns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 4, in-process: the SNS ingest pipeline as production wires it (body limit, parser,
 * verifier with the AWS certificate URL policy and a {@link CachingCertificateFetcher}, MessageId
 * de-duplication with the default size and retention) driven from several threads on pre-signed,
 * distinct notifications. The certificate is cached after the first message; no HTTP is involved.
 */
public final class SnsIngestBench {
    public static final int VALID = 4_000;
    public static final int FORGED = 1_000;

    public record Result(int threads, int messages, double perSecond, double p50Ms, double p99Ms, int valid,
                         int forged, int forgedRejected, Map<String, Integer> rejectedBy) {
    }

    private SnsIngestBench() {
    }

    public static Result run(int threads) throws Exception {
        TestPki pki = TestPki.get();
        Instant now = pki.sns.certificate().getNotBefore().toInstant().plus(Duration.ofDays(1));
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        CachingCertificateFetcher certificates = new CachingCertificateFetcher(
                url -> new CertificateFetcher.Result.Fetched(pki.sns.certificate()), 50, Duration.ofHours(24), clock);
        SnsMessageVerifier verifier = new SnsMessageVerifier(CertUrlPolicy.aws(), certificates,
                Set.of(TestMessage.TOPIC), Duration.ofHours(1), clock);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<byte[]> valid = PreSigned.valid(VALID, () -> notification(now), pki.sns.key());
            List<byte[]> forged = PreSigned.forged(FORGED, () -> notification(now), pki.sns.key());

            drive(pool, threads, SnsGate.verifying(verifier, dedup(clock)), valid);
            SnsGate ingest = SnsGate.verifying(verifier, dedup(clock));
            long start = System.nanoTime();
            Outcome outcome = drive(pool, threads, ingest, valid);
            double seconds = (System.nanoTime() - start) / 1e9;
            Outcome rejected = drive(pool, threads, ingest, forged);
            long[] latencies = outcome.latenciesNs();
            Arrays.sort(latencies);
            return new Result(threads, valid.size(), valid.size() / seconds,
                    latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6,
                    outcome.count("Valid"), forged.size(), forged.size() - rejected.count("Valid")
                    - rejected.count("Duplicate"), rejected.byVerdict());
        } finally {
            pool.shutdownNow();
        }
    }

    private static MessageIdDeduplicator dedup(Clock clock) {
        return new MessageIdDeduplicator(10_000, Duration.ofHours(3), clock);
    }

    private static TestMessage notification(Instant now) {
        return TestMessage.notification(now).set("MessageId", UUID.randomUUID().toString());
    }

    private record Outcome(long[] latenciesNs, String[] verdicts) {
        int count(String verdict) {
            return (int) Arrays.stream(verdicts).filter(verdict::equals).count();
        }

        Map<String, Integer> byVerdict() {
            Map<String, Integer> by = new TreeMap<>();
            Arrays.stream(verdicts).forEach(v -> by.merge(v, 1, Integer::sum));
            return by;
        }
    }

    /** Each thread takes the next message until none is left; latency is per accept call. */
    private static Outcome drive(ExecutorService pool, int threads, SnsGate ingest, List<byte[]> bodies)
            throws Exception {
        long[] latencies = new long[bodies.size()];
        String[] verdicts = new String[bodies.size()];
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    Verdict v = ingest.accept(bodies.get(i));
                    latencies[i] = System.nanoTime() - start;
                    verdicts[i] = v instanceof Verdict.Rejected r ? "Rejected:" + r.reason()
                            : v.getClass().getSimpleName();
                }
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        return new Outcome(latencies, verdicts);
    }
}
