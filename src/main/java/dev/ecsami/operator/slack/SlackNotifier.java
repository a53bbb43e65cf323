package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.port.Notifier;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.List;

/**
 * Tells a Slack channel about rollouts. On the caller's thread it only decides and queues, so it
 * never blocks and never throws; a background sender delivers. Close it to stop the sender.
 */
public final class SlackNotifier implements Notifier, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlackNotifier.class);
    /** A full queue is reported on its first drop and then every this many drops. */
    private static final long WARN_EVERY_DROPS = 100;

    private final String mode;
    private final MessagePlan plan;
    private final SlackMessages messages;
    private final BehindFilter behindFilter = new BehindFilter();
    private final DeliveryQueue queue;
    private final SlackSender sender;
    private final SlackMetrics metrics;
    private final Clock clock;

    SlackNotifier(String mode, MessagePlan plan, SlackMessages messages, DeliveryQueue queue, SlackSender sender,
                  SlackMetrics metrics, Clock clock) {
        this.mode = mode;
        this.plan = plan;
        this.messages = messages;
        this.queue = queue;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents) {
        try {
            plan.rolloutChanged(rollout, newEvents, clock.instant()).forEach(this::enqueue);
        } catch (RuntimeException e) {
            LOG.warnf("No Slack message for rollout %s: %s", rollout == null ? "?" : rollout.id(),
                    Redaction.failure(e));
        }
    }

    @Override
    public void targetsBehind(List<Behind> behind) {
        try {
            List<Behind> news = behindFilter.news(behind);
            if (!news.isEmpty()) {
                enqueue(new Delivery(Delivery.Kind.ANNOUNCE, "", () -> messages.behind(news)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("No Slack message for targets behind: %s", Redaction.failure(e));
        }
    }

    private void enqueue(Delivery d) {
        queue.offer(d).ifPresent(dropped -> {
            long drops = metrics.droppedCount(SlackMetrics.Drop.QUEUE_FULL);
            if (drops % WARN_EVERY_DROPS == 1) {
                LOG.warnf("Slack is not keeping up: queue full, dropped the %s (%d dropped so far)",
                        dropped.describe(), drops);
            }
        });
    }

    public SlackMetrics metrics() {
        return metrics;
    }

    /** Messages waiting for the sender. */
    int queued() {
        return queue.size();
    }

    /** Stops the sender; what is still queued is not sent. */
    @Override
    public void close() {
        sender.close();
    }

    @Override
    public String toString() {
        return "SlackNotifier[" + mode + "]";
    }
}
