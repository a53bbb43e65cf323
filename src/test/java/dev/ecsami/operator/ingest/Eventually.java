package dev.ecsami.operator.ingest;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits in a test for work done on another thread. */
final class Eventually {

    private static final Duration LIMIT = Duration.ofSeconds(15);

    private Eventually() {
    }

    /** The first present value the probe returns; fails the test after the limit. */
    static <T> T value(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        throw new AssertionError("timed out after " + LIMIT + " waiting for " + what);
    }
}
