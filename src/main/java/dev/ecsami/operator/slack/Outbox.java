package dev.ecsami.operator.slack;

import dev.ecsami.operator.runtime.RetryPolicy;
import dev.ecsami.operator.slack.SlackClient.Outcome;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Between the rollout path and Slack: a bounded queue that {@link #send} never blocks on (a newer
 * status replaces the queued one of its rollout; a full queue drops its oldest status, else its oldest
 * message), and one background thread that delivers in order, one at a time, so a rollout's first
 * message exists before its replies. A failed delivery is tried again on the scheduler after Slack's
 * Retry-After or the retry policy's backoff; no thread sleeps. {@link #settle} is the one place that
 * decides what becomes of a notification that fails, wherever it fails.
 */
final class Outbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Outbox.class);
    /** How long the idle thread waits on the queue before it looks again (and sees a shutdown). */
    private static final long IDLE_WAIT_SECONDS = 30;
    /** A full queue is reported on its first drop and then every this many drops. */
    private static final long WARN_EVERY_DROPS = 100;

    private final int capacity;
    private final SlackClient client;
    private final RetryPolicy retry;
    private final SlackMetrics metrics;
    /** Empty: deliver on the caller's thread (the log renderer, which cannot be slow). */
    private final Optional<ScheduledExecutorService> scheduler;
    private final List<Delivery> items = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    /** A message taken off the queue and not yet settled (sent, dropped or given up). */
    private boolean busy;

    private Outbox(int capacity, SlackClient client, RetryPolicy retry, SlackMetrics metrics,
                   Optional<ScheduledExecutorService> scheduler) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.client = client;
        this.retry = retry;
        this.metrics = metrics;
        this.scheduler = scheduler;
    }

    /** Queued, delivered by a thread of its own once {@link #start()}ed. */
    static Outbox queued(int capacity, SlackClient client, RetryPolicy retry, SlackMetrics metrics) {
        Outbox outbox = new Outbox(capacity, client, retry, metrics, Optional.of(
                Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread t = new Thread(runnable, "slack-" + client.mode());
                    t.setDaemon(true);
                    return t;
                })));
        metrics.watchQueue(outbox);
        return outbox;
    }

    /** Delivered at once on the caller's thread, never retried. */
    static Outbox direct(SlackClient client, SlackMetrics metrics) {
        return new Outbox(1, client, new RetryPolicy(Duration.ZERO, Duration.ZERO, 0), metrics, Optional.empty());
    }

    /** The retry policy of Slack's settings: {@code maxAttempts} attempts in all, the first included. */
    static RetryPolicy retryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
        return new RetryPolicy(firstBackoff, maxBackoff.compareTo(firstBackoff) < 0 ? firstBackoff : maxBackoff,
                maxAttempts - 1);
    }

    /**
     * The wait before the next attempt, or empty to give up: Slack's Retry-After when rate limited,
     * the policy's backoff after a transient failure, never after a rejection or the last attempt.
     */
    static Optional<Duration> nextDelay(RetryPolicy retry, int attemptsMade, Outcome failed) {
        Optional<Duration> backoff = retry.nextDelay(attemptsMade);
        if (failed instanceof Outcome.RateLimited limited) {
            return backoff.map(b -> limited.retryAfter());
        }
        return failed instanceof Outcome.Retriable ? backoff : Optional.empty();
    }

    void start() {
        later(this::next, Duration.ZERO);
    }

    /** Hands a message over; never blocks. A direct outbox delivers it now. */
    void send(Delivery d) {
        if (scheduler.isEmpty()) {
            render(d).ifPresent(ready -> settle(ready.describe(), 1, deliver(ready)));
            return;
        }
        offer(d);
    }

    /** A notification that could not even be planned on the caller's thread. */
    void failedBeforeSending(String what, RuntimeException e) {
        settle(what, 1, new Outcome.Unsendable(Redaction.failure(e)));
    }

    /** Queues a message; returns the one dropped to make room, if any (reported on the first and every 100th). */
    Optional<Delivery> offer(Delivery d) {
        lock.lock();
        try {
            for (int i = 0; i < items.size(); i++) {
                if (d.supersedes(items.get(i))) {
                    items.set(i, d);
                    return Optional.empty();
                }
            }
            Delivery dropped = null;
            if (items.size() >= capacity) {
                int victim = indexOfOldestStatus();
                dropped = items.remove(victim < 0 ? 0 : victim);
                metrics.dropped(SlackMetrics.Drop.QUEUE_FULL);
                long drops = metrics.droppedCount(SlackMetrics.Drop.QUEUE_FULL);
                if (drops % WARN_EVERY_DROPS == 1) {
                    LOG.warnf("Slack is not keeping up: queue full, dropped the %s (%d dropped so far)",
                            dropped.describe(), drops);
                }
            }
            items.add(d);
            notEmpty.signal();
            return Optional.ofNullable(dropped);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest message, waiting up to {@code timeout} for one. Only the outbox's thread waits here. */
    Optional<Delivery> poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                if (nanos <= 0) {
                    return Optional.empty();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            busy = true;
            return Optional.of(items.remove(0));
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return locked(items::size);
    }

    /** Nothing queued and nothing on its way: every message handed over so far is settled. */
    boolean idle() {
        return locked(() -> items.isEmpty() && !busy);
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    SlackMetrics metrics() {
        return metrics;
    }

    private int indexOfOldestStatus() {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).kind() == Delivery.Kind.STATUS) {
                return i;
            }
        }
        return -1;
    }

    private void next() {
        Optional<Delivery> d;
        try {
            d = poll(IDLE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        d.flatMap(this::render).ifPresentOrElse(ready -> attempt(ready, 1), this::settled);
    }

    private void settled() {
        locked(() -> busy = false);
        later(this::next, Duration.ZERO);
    }

    /** Renders once; the result is what every attempt sends. */
    private Optional<Delivery> render(Delivery d) {
        try {
            return Optional.of(Delivery.of(d.kind(), d.rolloutId(), d.message()));
        } catch (RuntimeException e) {
            settle("the " + d.describe(), 1, new Outcome.Unsendable(Redaction.failure(e)));
            return Optional.empty();
        }
    }

    private Outcome deliver(Delivery d) {
        try {
            return client.deliver(d);
        } catch (RuntimeException e) {
            return new Outcome.Retriable(Redaction.failure(e));
        }
    }

    private void attempt(Delivery d, int attempt) {
        settle(d.describe(), attempt, deliver(d)).ifPresentOrElse(
                delay -> later(() -> attempt(d, attempt + 1), delay), this::settled);
    }

    /**
     * The one place that decides what becomes of a notification after an attempt, or after it could
     * not be made: counted as sent; refused or unsendable, counted, logged (redacted) and dropped; tried
     * again after the returned delay; or, after the last attempt, given up, counted and logged.
     * Nothing is ever thrown to the rollout path.
     */
    private Optional<Duration> settle(String what, int attempt, Outcome outcome) {
        if (outcome instanceof Outcome.Sent) {
            metrics.sent();
            return Optional.empty();
        }
        if (outcome instanceof Outcome.Rejected rejected) {
            metrics.dropped(SlackMetrics.Drop.REJECTED);
            LOG.warnf("Slack refused the %s %s: %s", client.mode(), what, Redaction.text(rejected.reason()));
            return Optional.empty();
        }
        if (outcome instanceof Outcome.Unsendable unsendable) {
            metrics.dropped(SlackMetrics.Drop.REJECTED);
            LOG.warnf("No Slack message for %s: %s", what, Redaction.text(unsendable.reason()));
            return Optional.empty();
        }
        Optional<Duration> delay = scheduler.isEmpty() ? Optional.empty() : nextDelay(retry, attempt, outcome);
        if (delay.isPresent()) {
            metrics.retried();
            LOG.debugf("Slack %s %s failed (attempt %d: %s); next attempt in %d ms", client.mode(), what, attempt,
                    reason(outcome), delay.get().toMillis());
            return delay;
        }
        metrics.dropped(SlackMetrics.Drop.GAVE_UP);
        LOG.warnf("Slack %s %s dropped after %d attempts: %s", client.mode(), what, attempt, reason(outcome));
        return Optional.empty();
    }

    private static String reason(Outcome outcome) {
        if (outcome instanceof Outcome.RateLimited limited) {
            return "rate limited, retry after " + limited.retryAfter().toMillis() + " ms";
        }
        return outcome instanceof Outcome.Retriable retriable ? Redaction.text(retriable.reason()) : "";
    }

    private void later(Runnable task, Duration delay) {
        try {
            scheduler.ifPresent(s -> s.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            LOG.debug("Slack outbox stopped");
        }
    }

    /** Stops the thread; messages still queued are not sent. */
    @Override
    public void close() {
        scheduler.ifPresent(s -> {
            s.shutdownNow();
            try {
                if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("Slack outbox did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
