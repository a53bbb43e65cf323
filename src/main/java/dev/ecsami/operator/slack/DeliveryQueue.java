package dev.ecsami.operator.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between the rollout path and the sender. {@link #offer} never blocks: a newer
 * status replaces the queued one of the same rollout, and a full queue drops its oldest status (or,
 * holding none, its oldest message) to make room.
 */
final class DeliveryQueue {
    private final int capacity;
    private final SlackMetrics metrics;
    private final List<Delivery> items = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();

    DeliveryQueue(int capacity, SlackMetrics metrics) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.metrics = metrics;
    }

    /** Queues a message; returns the one dropped to make room, if any. */
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
            }
            items.add(d);
            notEmpty.signal();
            return Optional.ofNullable(dropped);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest message, waiting up to {@code timeout} for one. Only the sender thread waits here. */
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
            return Optional.of(items.remove(0));
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    private int indexOfOldestStatus() {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).kind() == Delivery.Kind.STATUS) {
                return i;
            }
        }
        return -1;
    }
}
