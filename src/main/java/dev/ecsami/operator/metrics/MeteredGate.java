package dev.ecsami.operator.metrics;

import dev.ecsami.operator.ingest.EnvelopeGate;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.Verdict;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;

/**
 * Counts every SNS envelope the gate judges, by message kind and verdict:
 * {@code ecs_operator_notifications_total{kind, verdict}}, where verdict is valid, duplicate or
 * the rejection reason (kind is "unknown" for a rejected message, which may not even parse).
 */
public final class MeteredGate implements EnvelopeGate {
    private final EnvelopeGate inner;
    private final MeterRegistry registry;

    public MeteredGate(EnvelopeGate inner, MeterRegistry registry) {
        this.inner = inner;
        this.registry = registry;
    }

    @Override
    public Verdict accept(byte[] body) {
        Verdict v = inner.accept(body);
        String kind = "unknown";
        String verdict;
        if (v instanceof Verdict.Valid valid) {
            kind = kind(valid.envelope());
            verdict = "valid";
        } else if (v instanceof Verdict.Duplicate duplicate) {
            kind = kind(duplicate.envelope());
            verdict = "duplicate";
        } else {
            verdict = ((Verdict.Rejected) v).reason().name().toLowerCase(Locale.ROOT);
        }
        registry.counter("ecs_operator_notifications", "kind", kind, "verdict", verdict).increment();
        return v;
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
