package dev.ecsami.operator.metrics;

import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Counts every SNS envelope the gate judges, by message kind and verdict:
 * {@code ecs_operator_notifications_total{kind, verdict}}, where verdict is valid, duplicate or
 * the rejection reason (kind is "unknown" for a rejected message, which may not even parse).
 */
public final class VerdictCounter implements Consumer<Verdict> {
    private final MeterRegistry registry;
    /** Looked up once per label pair: a registry lookup per message costs more than some of the checks. */
    private final Map<Labels, Counter> counters = new ConcurrentHashMap<>();

    public VerdictCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void accept(Verdict v) {
        counters.computeIfAbsent(labels(v), l -> registry.counter("ecs_operator_notifications",
                "kind", l.kind(), "verdict", l.verdict())).increment();
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
}
