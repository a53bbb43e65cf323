package dev.ecsami.operator.metrics;

import dev.ecsami.operator.ingest.EnvelopeGate;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every SNS envelope the gate judges, by message kind and verdict:
 * {@code ecs_operator_notifications_total{kind, verdict}}, where verdict is valid, duplicate or
 * the rejection reason (kind is "unknown" for a rejected message, which may not even parse).
 */
public final class MeteredGate implements EnvelopeGate {
    private final EnvelopeGate inner;
    private final MeterRegistry registry;
    /** Looked up once per label pair: a registry lookup per message costs more than some of the checks. */
    private final Map<Labels, Counter> counters = new ConcurrentHashMap<>();

    public MeteredGate(EnvelopeGate inner, MeterRegistry registry) {
        this.inner = inner;
        this.registry = registry;
    }

    @Override
    public Verdict accept(byte[] body) {
        return counted(inner.accept(body));
    }

    @Override
    public Optional<Verdict> acceptWithoutWaiting(byte[] body) {
        return inner.acceptWithoutWaiting(body).map(this::counted);
    }

    private Verdict counted(Verdict v) {
        counters.computeIfAbsent(labels(v), l -> registry.counter("ecs_operator_notifications",
                "kind", l.kind(), "verdict", l.verdict())).increment();
        return v;
    }

    private record Labels(String kind, String verdict) {
    }

    private static Labels labels(Verdict v) {
        if (v instanceof Verdict.Valid valid) {
            return new Labels(kind(valid.envelope()), "valid");
        }
        if (v instanceof Verdict.Duplicate duplicate) {
            return new Labels(kind(duplicate.envelope()), "duplicate");
        }
        return new Labels("unknown", ((Verdict.Rejected) v).reason().name().toLowerCase(Locale.ROOT));
    }

    private static String kind(SnsEnvelope e) {
        return e.type().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public void handlingFailed(SnsEnvelope envelope) {
        inner.handlingFailed(envelope);
    }

    @Override
    public long maxBodyBytes() {
        return inner.maxBodyBytes();
    }
}
