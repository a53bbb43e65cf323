package dev.ecsami.operator.sim;

import java.time.Instant;

/**
 * A one-time scheduled action: at its time it sets desired capacity, min and max (null leaves a
 * value alone). Not while ScheduledActions is suspended.
 */
final class SimScheduledAction implements SimActor {
    private final String group;
    private final String action;
    private final Integer desired;
    private final Integer min;
    private final Integer max;
    private Instant next;

    SimScheduledAction(String group, String action, Instant at, Integer desired, Integer min, Integer max) {
        this.group = group;
        this.action = action;
        this.next = at;
        this.desired = desired;
        this.min = min;
        this.max = max;
    }

    @Override
    public Instant nextAt() {
        return next;
    }

    @Override
    public String name() {
        return "scheduled " + action;
    }

    @Override
    public void act(SimWorld world, Instant t) {
        next = null;
        SimGroup g = world.groups.get(group);
        if (g.suspended.contains("ScheduledActions")) {
            return;
        }
        String before = g.desired + "/" + g.min + "/" + g.max;
        if (min != null) {
            g.min = min;
        }
        if (max != null) {
            g.max = Math.max(max, g.min);
        }
        g.setDesiredByOthers(desired != null ? desired : g.desired);
        world.log.actor(t, name(), "desired/min/max " + before + " -> " + g.desired + "/" + g.min + "/" + g.max);
    }
}
