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
final class SimManagedScaling extends SimPeriodicActor {
    private static final Duration SCALE_IN_AFTER = Duration.ofMinutes(15);
    private final int targetPercent;
    private final boolean terminationProtection;
    private Instant lowSince;

    SimManagedScaling(String group, Instant from, int targetPercent, boolean terminationProtection) {
        super(group, from, Duration.ofMinutes(1));
        this.targetPercent = targetPercent;
        this.terminationProtection = terminationProtection;
    }

    @Override
    public String name() {
        return "managed scaling";
    }

    @Override
    void actOn(SimWorld world, SimGroup g, Instant t) {
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
        String why = " (" + needed + " needed)";
        if (wanted > g.desired) {
            lowSince = null;
            moveDesired(world, g, t, wanted, why);
        } else if (wanted < g.desired) {
            lowSince = lowSince == null ? t : lowSince;
            if (!t.isBefore(lowSince.plus(SCALE_IN_AFTER))) {
                moveDesired(world, g, t, g.desired - 1, why);
                lowSince = t;
            }
        } else {
            lowSince = null;
        }
    }
}
