package dev.ecsami.operator.sim;

import java.time.Instant;

/**
 * Something other than the operator that acts on a group: rebalancing, scaling, health checks,
 * Spot, people. Switched on per scenario and driven by the virtual clock: the world runs it at
 * {@link #nextAt()} in time order with its other events.
 */
interface SimActor {

    /** When it next acts; null when it never will again. */
    Instant nextAt();

    /** Acts at {@code t} (= its {@link #nextAt()}), and schedules its next time. */
    void act(SimWorld world, Instant t);

    /** A short name for the sim's log. */
    String name();
}
