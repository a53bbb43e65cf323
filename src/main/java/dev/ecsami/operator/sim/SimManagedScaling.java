package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.TaskInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ECS capacity provider managed scaling: every minute it computes the instances the tasks need
 * (those running a non-daemon task, one more while a task waits for room) and sets desired
 * capacity to reach the target utilisation: at once when that is more, and one instance at a time
 * after fifteen minutes of less. With managed termination protection it protects from scale-in
 * the instances that run non-daemon tasks, and only those.
 */
final class SimManagedScaling implements SimActor {
    private static final Duration EVERY = Duration.ofMinutes(1);
    private static final Duration SCALE_IN_AFTER = Duration.ofMinutes(15);
    private final String group;
    private final int targetPercent;
    private final boolean terminationProtection;
    private Instant next;
    private Instant lowSince;

    SimManagedScaling(String group, Instant from, int targetPercent, boolean terminationProtection) {
        this.group = group;
        this.targetPercent = targetPercent;
        this.terminationProtection = terminationProtection;
        this.next = from.plus(EVERY);
    }

    @Override
    public Instant nextAt() {
        return next;
    }

    @Override
    public String name() {
        return "managed scaling";
    }

    @Override
    public void act(SimWorld world, Instant t) {
        next = t.plus(EVERY);
        SimGroup g = world.groups.get(group);
        List<SimInstance> active = SimWorld.inService(g);
        Set<String> busy = new HashSet<>();
        world.tasks.stream().filter(x -> x.kind != TaskInfo.Kind.DAEMON).forEach(x -> busy.add(x.instanceId));
        if (terminationProtection) {
            for (SimInstance i : active) {
                i.protectedFromScaleIn = busy.contains(i.id);
            }
        }
        long needed = active.stream().filter(i -> busy.contains(i.id)).count();
        boolean waiting = world.services.values().stream().anyMatch(s -> !s.daemon && s.desired > world.tasks.stream()
                .filter(x -> x.kind == TaskInfo.Kind.SERVICE && x.service.equals(s.name)).count());
        if (waiting) {
            needed++;
        }
        int wanted = (int) Math.ceil(needed * 100.0 / targetPercent);
        int before = g.desired;
        if (wanted > g.desired) {
            lowSince = null;
            g.setDesiredByOthers(wanted);
        } else if (wanted < g.desired) {
            lowSince = lowSince == null ? t : lowSince;
            if (!t.isBefore(lowSince.plus(SCALE_IN_AFTER))) {
                g.setDesiredByOthers(g.desired - 1);
                lowSince = t;
            }
        } else {
            lowSince = null;
        }
        if (g.desired != before) {
            world.log.actor(t, name(), "desired " + before + " -> " + g.desired + " (" + needed + " needed)");
        }
    }
}
