package dev.ecsami.operator.slack;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in a test, with Awaitility, for the background sender to reach a state it must reach. */
public final class Eventually {
    private Eventually() {
    }

    public static void await(Duration within, String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(within).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }
}
