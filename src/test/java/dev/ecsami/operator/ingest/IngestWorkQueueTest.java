package dev.ecsami.operator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IngestWorkQueueTest {

    @Test
    void workBeyondTheBacklogIsRefusedInsteadOfQueued() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (IngestWorkQueue queue = new IngestWorkQueue(1)) {
            assertThat(queue.offer(() -> {
                running.countDown();
                awaitQuietly(release);
            })).isTrue();
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

            assertThat(queue.offer(() -> { })).as("fills the backlog of one").isTrue();
            assertThat(queue.offer(() -> { })).as("beyond the backlog").isFalse();
            release.countDown();
        }
    }

    @Test
    void workRunsInArrivalOrder() throws InterruptedException {
        StringBuffer order = new StringBuffer();
        CountDownLatch done = new CountDownLatch(3);
        try (IngestWorkQueue queue = new IngestWorkQueue(8)) {
            for (String name : new String[] {"a", "b", "c"}) {
                queue.offer(() -> {
                    order.append(name);
                    done.countDown();
                });
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order).hasToString("abc");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
