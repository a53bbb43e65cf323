package dev.ecsami.operator.app;

import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.LifecycleActions;

import java.time.Clock;
import java.time.Duration;

/**
 * The world the operator acts on, chosen once from operator.backend: real AWS on the wall clock,
 * or the embedded simulated AWS on its virtual clock. Nothing else asks which one it is.
 */
public interface Backend {

    /** The time every decision is made against. */
    Clock clock();

    FleetPorts ports();

    LifecycleActions lifecycleActions();

    /**
     * Called on the tick thread before each tick with the wall time passed since the last one:
     * virtual time (and the simulated world with it) moves on; the wall clock moves by itself.
     */
    void elapse(Duration wall);

    /** One line for the start-up log. */
    String describe();
}
