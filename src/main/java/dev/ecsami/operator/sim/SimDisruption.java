package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.Lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * A one-time disruption of an instance of a group, at a virtual time: a failed health check
 * (the group terminates it through its hooks and launches a new one, unless ReplaceUnhealthy is
 * suspended), a Spot interruption (two minutes of warning, then gone whatever its state) or a
 * move into or out of Standby. The instance is named, or picked at random when it happens.
 */
final class SimDisruption implements SimActor {
    enum Kind { HEALTH, SPOT, ENTER_STANDBY, EXIT_STANDBY }

    static final Duration SPOT_WARNING = Duration.ofMinutes(2);
    private final String group;
    private final Kind kind;
    private final String instanceId;
    private final Random random;
    private Instant next;
    private String target;
    private boolean warned;

    SimDisruption(String group, Kind kind, String instanceId, Instant at, long seed) {
        this.group = group;
        this.kind = kind;
        this.instanceId = instanceId;
        this.next = at;
        this.random = new Random(seed);
    }

    @Override
    public Instant nextAt() {
        return next;
    }

    @Override
    public String name() {
        return kind.name().toLowerCase().replace('_', '-');
    }

    @Override
    public void act(SimWorld world, Instant t) {
        next = null;
        SimGroup g = world.groups.get(group);
        if (kind == Kind.SPOT && warned) {
            SimInstance i = find(g, target);
            if (i != null && i.lifecycle != Lifecycle.TERMINATING && i.lifecycle != Lifecycle.TERMINATED) {
                world.log.actor(t, name(), "interrupts " + i.id);
                world.beginTermination(i, t, SimCause.SPOT);
            }
            return;
        }
        SimInstance i = instanceId != null ? find(g, instanceId) : pick(g);
        if (i == null) {
            return;
        }
        switch (kind) {
            case HEALTH -> {
                i.healthy = false;
                if (i.lifecycle == Lifecycle.IN_SERVICE && !g.suspended.contains("ReplaceUnhealthy")) {
                    world.log.actor(t, name(), "replaces unhealthy " + i.id);
                    world.beginTermination(i, t, SimCause.HEALTH);
                }
            }
            case SPOT -> {
                target = i.id;
                warned = true;
                next = t.plus(SPOT_WARNING);
                world.log.actor(t, name(), "warns " + i.id + " of its interruption");
                world.notices.add(new SimNotice(SimNotice.Kind.SPOT_WARNING, group, i.id, "", "", t));
            }
            case ENTER_STANDBY -> {
                if (i.lifecycle == Lifecycle.IN_SERVICE) {
                    i.lifecycle = Lifecycle.STANDBY;
                    g.setDesiredByOthers(g.desired - 1);
                    world.log.actor(t, name(), i.id + " enters Standby (desired decremented)");
                }
            }
            case EXIT_STANDBY -> {
                if (i.lifecycle == Lifecycle.STANDBY && g.desired + 1 <= g.max) {
                    i.lifecycle = Lifecycle.IN_SERVICE;
                    g.setDesiredByOthers(g.desired + 1);
                    world.log.actor(t, name(), i.id + " exits Standby");
                }
            }
        }
    }

    private SimInstance pick(SimGroup g) {
        Lifecycle wanted = kind == Kind.EXIT_STANDBY ? Lifecycle.STANDBY : Lifecycle.IN_SERVICE;
        List<SimInstance> candidates = g.instances.stream().filter(i -> i.lifecycle == wanted).toList();
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private static SimInstance find(SimGroup g, String id) {
        return g.instances.stream().filter(i -> i.id.equals(id)).findFirst().orElse(null);
    }
}
