package dev.ecsami.operator.ingest;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs accepted messages after their HTTP request was answered: one daemon thread, so AMI checks
 * never overlap and run in arrival order, and a bounded backlog, so a flood is refused (the caller
 * answers 503 and SNS retries) instead of piling up.
 */
public final class IngestWorkQueue implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    public IngestWorkQueue(int backlog) {
        if (backlog < 1) {
            throw new IllegalArgumentException("backlog must be positive but was " + backlog);
        }
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(backlog),
                work -> {
                    Thread thread = new Thread(work, "ingest-work");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Queues the work; false when the backlog is full or the queue is shut down. */
    public boolean offer(Runnable work) {
        try {
            executor.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
