package dev.ecsami.operator.slack;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what became of Slack messages. Always keeps plain counters (read by tests and health
 * checks); also feeds Micrometer when a registry is given. Tags carry the mode and a reason, never
 * a URL, a channel or a token.
 */
public final class SlackMetrics {
    /** Why a message was not delivered. */
    public enum Drop {
        /** The queue was full; the oldest progress update made room. */
        QUEUE_FULL,
        /** Still failing after the last attempt. */
        GAVE_UP,
        /** Slack refused it, e.g. an invalid payload or an unknown channel; not retried. */
        REJECTED
    }

    static final String SENT = "ecs_operator_slack_messages_sent";
    static final String RETRIED = "ecs_operator_slack_messages_retried";
    static final String DROPPED = "ecs_operator_slack_messages_dropped";
    static final String QUEUED = "ecs_operator_slack_messages_queued";

    private final String mode;
    private final Optional<MeterRegistry> registry;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Map<Drop, AtomicLong> dropped = new EnumMap<>(Drop.class);

    /** @param mode "webhook" or "bot": the only tag besides the drop reason */
    public SlackMetrics(String mode, Optional<MeterRegistry> registry) {
        this.mode = mode;
        this.registry = registry;
        for (Drop d : Drop.values()) {
            dropped.put(d, new AtomicLong());
        }
    }

    /** Counters only, for code and tests that run without Micrometer. */
    public static SlackMetrics plain(String mode) {
        return new SlackMetrics(mode, Optional.empty());
    }

    void sent() {
        sent.incrementAndGet();
        registry.ifPresent(r -> r.counter(SENT, Tags.of("mode", mode)).increment());
    }

    void retried() {
        retried.incrementAndGet();
        registry.ifPresent(r -> r.counter(RETRIED, Tags.of("mode", mode)).increment());
    }

    void dropped(Drop why) {
        dropped.get(why).incrementAndGet();
        registry.ifPresent(r -> r.counter(DROPPED, Tags.of("mode", mode, "reason", why.name().toLowerCase()))
                .increment());
    }

    /** Publishes the number of messages waiting, when Micrometer is there (which holds the queue weakly). */
    void watchQueue(Outbox outbox) {
        registry.ifPresent(r -> r.gauge(QUEUED, Tags.of("mode", mode), outbox, Outbox::size));
    }

    public long sentCount() {
        return sent.get();
    }

    public long retriedCount() {
        return retried.get();
    }

    public long droppedCount(Drop why) {
        return dropped.get(why).get();
    }
}
