package dev.ecsami.operator.slack;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Drains the queue on one background thread, one message at a time and in order, so a rollout's
 * first message exists before its replies. A failed message is tried again on the scheduler, after
 * Slack's Retry-After or a growing backoff, before the next one is taken; no thread ever sleeps.
 */
final class SlackSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlackSender.class);
    /** How long the idle thread waits on the queue before it looks again (and sees a shutdown). */
    private static final long IDLE_WAIT_SECONDS = 30;

    private final DeliveryQueue queue;
    private final SlackEndpoint endpoint;
    private final RetryPolicy retry;
    private final SlackMetrics metrics;
    private final ScheduledExecutorService scheduler;

    SlackSender(DeliveryQueue queue, SlackEndpoint endpoint, RetryPolicy retry, SlackMetrics metrics,
                ScheduledExecutorService scheduler) {
        this.queue = queue;
        this.endpoint = endpoint;
        this.retry = retry;
        this.metrics = metrics;
        this.scheduler = scheduler;
    }

    /** A scheduler with one daemon thread named for its job. */
    static ScheduledExecutorService singleThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        submit(this::next);
    }

    private void next() {
        Optional<Delivery> d;
        try {
            d = queue.poll(IDLE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (d.isEmpty()) {
            submit(this::next);
        } else {
            render(d.get()).ifPresentOrElse(ready -> attempt(ready, 1), () -> submit(this::next));
        }
    }

    private Optional<Delivery> render(Delivery d) {
        try {
            return Optional.of(d.rendered());
        } catch (RuntimeException e) {
            metrics.dropped(SlackMetrics.Drop.REJECTED);
            LOG.warnf("Could not render the Slack %s: %s", d.describe(), Redaction.failure(e));
            return Optional.empty();
        }
    }

    private void attempt(Delivery d, int attempt) {
        SendOutcome outcome;
        try {
            outcome = endpoint.deliver(d);
        } catch (RuntimeException e) {
            outcome = new SendOutcome.Retriable(Redaction.failure(e));
        }
        if (outcome instanceof SendOutcome.Sent) {
            metrics.sent();
        } else if (outcome instanceof SendOutcome.Rejected rejected) {
            metrics.dropped(SlackMetrics.Drop.REJECTED);
            LOG.warnf("Slack refused the %s %s: %s", endpoint.mode(), d.describe(), Redaction.text(rejected.reason()));
        } else {
            Optional<Duration> delay = retry.nextDelay(attempt, outcome);
            if (delay.isPresent()) {
                metrics.retried();
                LOG.debugf("Slack %s %s failed (attempt %d: %s); next attempt in %d ms", endpoint.mode(),
                        d.describe(), attempt, reason(outcome), delay.get().toMillis());
                schedule(() -> attempt(d, attempt + 1), delay.get());
                return;
            }
            metrics.dropped(SlackMetrics.Drop.GAVE_UP);
            LOG.warnf("Slack %s %s dropped after %d attempts: %s", endpoint.mode(), d.describe(), attempt,
                    reason(outcome));
        }
        submit(this::next);
    }

    private static String reason(SendOutcome outcome) {
        if (outcome instanceof SendOutcome.RateLimited limited) {
            return "rate limited, retry after " + limited.retryAfter().toMillis() + " ms";
        }
        if (outcome instanceof SendOutcome.Retriable retriable) {
            return Redaction.text(retriable.reason());
        }
        return outcome instanceof SendOutcome.Rejected rejected ? Redaction.text(rejected.reason()) : "sent";
    }

    private void submit(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Slack sender stopped");
        }
    }

    private void schedule(Runnable task, Duration delay) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Slack sender stopped");
        }
    }

    /** Stops the thread; messages still queued are not sent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Slack sender did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
