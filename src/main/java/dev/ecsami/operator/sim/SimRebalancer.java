package dev.ecsami.operator.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * AZRebalance as AWS does it: when the group's zones are uneven, launch an instance in the
 * short zone first, then terminate one in the largest zone by the termination policy, without a
 * drain. Does nothing while AZRebalance, Launch or Terminate is suspended.
 */
final class SimRebalancer extends SimPeriodicActor {

    SimRebalancer(String group, Instant from, Duration every) {
        super(group, from, every);
    }

    @Override
    public String name() {
        return "rebalance";
    }

    @Override
    void actOn(SimWorld world, SimGroup g, Instant t) {
        if (g.suspended.contains("AZRebalance") || g.suspended.contains("Launch") || g.suspended.contains("Terminate")
                || g.zones.size() < 2) {
            return;
        }
        List<SimInstance> active = SimWorld.inService(g);
        Map<String, Long> perZone = active.stream().collect(Collectors.groupingBy(i -> i.az, Collectors.counting()));
        long most = g.zones.stream().mapToLong(z -> perZone.getOrDefault(z, 0L)).max().orElse(0);
        long least = g.zones.stream().mapToLong(z -> perZone.getOrDefault(z, 0L)).min().orElse(0);
        if (most - least < 2) {
            return;
        }
        SimInstance launched = world.launch(g, t);
        SimInstance victim = SimTerminationPolicy.pick(g, active, true).orElse(null);
        if (victim == null) {
            g.instances.remove(launched);
            return;
        }
        world.log.actor(t, name(), "launches " + launched.id + " in " + launched.az + ", terminates " + victim.id
                + " in " + victim.az);
        world.beginTermination(victim, t, SimCause.REBALANCE);
    }
}
