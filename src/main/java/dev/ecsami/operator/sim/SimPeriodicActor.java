package dev.ecsami.operator.sim;

import java.time.Duration;
import java.time.Instant;

/**
 * An actor that looks at one group at a fixed period, the first time one period after it is
 * switched on, and logs the desired capacity it moves.
 */
abstract class SimPeriodicActor implements SimActor {
    private final String group;
    private final Duration every;
    private Instant next;

    SimPeriodicActor(String group, Instant from, Duration every) {
        this.group = group;
        this.every = every;
        this.next = from.plus(every);
    }

    @Override
    public final Instant nextAt() {
        return next;
    }

    @Override
    public final void act(SimWorld world, Instant t) {
        next = t.plus(every);
        actOn(world, world.groups.get(group), t);
    }

    /** What the actor does to its group at {@code t}. */
    abstract void actOn(SimWorld world, SimGroup g, Instant t);

    /** Sets desired capacity as another actor would, and logs it when it moved. */
    final void moveDesired(SimWorld world, SimGroup g, Instant t, int wanted, String why) {
        int before = g.desired;
        g.setDesiredByOthers(wanted);
        if (g.desired != before) {
            world.log.actor(t, name(), "desired " + before + " -> " + g.desired + why);
        }
    }
}
