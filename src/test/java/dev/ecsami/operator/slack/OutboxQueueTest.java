package dev.ecsami.operator.slack;

import dev.ecsami.operator.slack.Delivery;
import dev.ecsami.operator.slack.Redaction.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox's bounded queue, never started: what it keeps, replaces and drops. */
class OutboxQueueTest {
    private final SlackMetrics metrics = SlackMetrics.plain("test");
    private final List<Outbox> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Outbox::close);
    }

    private Outbox queue(int capacity) {
        Outbox outbox = Outbox.queued(capacity, SlackClient.webhook(Secret.of("http://127.0.0.1:1/hook"),
                Duration.ofSeconds(1)), Outbox.retryPolicy(1, Duration.ofMillis(10), Duration.ofSeconds(1)), metrics);
        opened.add(outbox);
        return outbox;
    }

    private static Delivery d(Delivery.Kind kind, String rollout, String text) {
        return Delivery.of(kind, rollout, new SlackMessage(text, List.of(Blocks.section(text))));
    }

    private static List<String> drain(Outbox q) throws InterruptedException {
        List<String> texts = new ArrayList<>();
        for (Optional<Delivery> d = q.poll(0, TimeUnit.MILLISECONDS); d.isPresent(); d = q.poll(0, TimeUnit.MILLISECONDS)) {
            texts.add(d.get().message().text());
        }
        return texts;
    }

    @Test
    void aNewerStatusReplacesTheQueuedStatusOfTheSameRolloutInPlace() throws InterruptedException {
        Outbox q = queue(10);
        q.offer(d(Delivery.Kind.STATUS, "r-1", "r-1 v1"));
        q.offer(d(Delivery.Kind.REPLY, "r-1", "reply"));
        q.offer(d(Delivery.Kind.STATUS, "r-2", "r-2 v1"));
        q.offer(d(Delivery.Kind.STATUS, "r-1", "r-1 v2"));
        q.offer(d(Delivery.Kind.STATUS, "r-1", "r-1 v3"));

        assertThat(drain(q)).containsExactly("r-1 v3", "reply", "r-2 v1");
        assertThat(metrics.droppedCount(SlackMetrics.Drop.QUEUE_FULL)).isZero();
    }

    @Test
    void announcementsAndRepliesAreNeverCoalesced() throws InterruptedException {
        Outbox q = queue(10);
        q.offer(d(Delivery.Kind.ANNOUNCE, "r-1", "started"));
        q.offer(d(Delivery.Kind.ANNOUNCE, "r-1", "paused"));
        q.offer(d(Delivery.Kind.REPLY, "r-1", "a"));
        q.offer(d(Delivery.Kind.REPLY, "r-1", "b"));

        assertThat(drain(q)).containsExactly("started", "paused", "a", "b");
    }

    @Test
    void aFullQueueDropsItsOldestStatusAndCountsIt() throws InterruptedException {
        Outbox q = queue(3);
        q.offer(d(Delivery.Kind.ANNOUNCE, "r-1", "started"));
        q.offer(d(Delivery.Kind.STATUS, "r-1", "progress r-1"));
        q.offer(d(Delivery.Kind.STATUS, "r-2", "progress r-2"));

        Optional<Delivery> dropped = q.offer(d(Delivery.Kind.ANNOUNCE, "r-2", "paused"));

        assertThat(dropped.map(x -> x.message().text())).contains("progress r-1");
        assertThat(drain(q)).containsExactly("started", "progress r-2", "paused");
        assertThat(metrics.droppedCount(SlackMetrics.Drop.QUEUE_FULL)).isEqualTo(1);
    }

    @Test
    void aFullQueueWithoutStatusesDropsItsOldestMessage() throws InterruptedException {
        Outbox q = queue(2);
        q.offer(d(Delivery.Kind.REPLY, "r-1", "a"));
        q.offer(d(Delivery.Kind.REPLY, "r-1", "b"));
        q.offer(d(Delivery.Kind.REPLY, "r-1", "c"));

        assertThat(drain(q)).containsExactly("b", "c");
        assertThat(metrics.droppedCount(SlackMetrics.Drop.QUEUE_FULL)).isEqualTo(1);
    }

    @Test
    void pollGivesUpAfterItsTimeoutWhenNothingComes() throws InterruptedException {
        assertThat(queue(1).poll(20, TimeUnit.MILLISECONDS)).isEmpty();
    }
}
