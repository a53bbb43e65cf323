package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.GroupSurroundings.CapacityProvider;
import dev.ecsami.operator.core.fleet.GroupSurroundings.LifecycleHook;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScalingPolicy;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScheduledAction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Switches on the other actors of a simulated group, per scenario, and keeps what the group's
 * neighbours read reports ({@link SimGroup#surroundings}) consistent with them.
 */
public final class SimActors {
    private final SimWorld world;

    SimActors(SimWorld world) {
        this.world = world;
    }

    /** AZRebalance, looking at the zones every {@code every}. */
    public SimActors rebalancing(String group, Duration every) {
        synchronized (world) {
            world.actors.add(new SimRebalancer(group, world.now(), every));
        }
        return this;
    }

    /** A target tracking policy that moves desired capacity by up to {@code maxStep} every {@code every}. */
    public SimActors targetTracking(String group, String policy, Duration every, int maxStep, long seed) {
        return onGroup(group, g -> {
            world.actors.add(new SimTargetTracking(group, policy, world.now(), every, maxStep, seed));
            g.policies.add(new ScalingPolicy(policy, "TargetTrackingScaling", true));
            refresh(g);
        });
    }

    /** A one-time scheduled action; null leaves the value alone. */
    public SimActors scheduledAction(String group, String action, Instant at, Integer desired, Integer min,
                                     Integer max) {
        return onGroup(group, g -> {
            world.actors.add(new SimScheduledAction(group, action, at, desired, min, max));
            g.schedules.add(new ScheduledAction(action, at, null, desired, min, max));
            refresh(g);
        });
    }

    /**
     * The group is an ECS capacity provider's, with managed scaling at the target; optionally
     * managed termination protection (the group then protects new instances, as ECS requires) and
     * managed draining (which adds ECS's terminating hook).
     */
    public SimActors capacityProvider(String group, String name, int targetPercent, boolean terminationProtection,
                                      boolean managedDraining) {
        return onGroup(group, g -> {
            world.actors.add(new SimManagedScaling(group, world.now(), targetPercent, terminationProtection));
            g.capacityProvider = new CapacityProvider(name, true, targetPercent, terminationProtection, managedDraining);
            g.newInstancesProtected |= terminationProtection;
            if (managedDraining) {
                g.hooks.add(new SimHook(LifecycleHook.ECS_MANAGED_DRAINING, Duration.ofHours(48), "CONTINUE", null,
                        true));
            }
            refresh(g);
        });
    }

    /** A terminating lifecycle hook that whoever handles it completes after {@code completesAfter} (null: never). */
    public SimActors terminatingHook(String group, String name, Duration heartbeatTimeout, String defaultResult,
                                     Duration completesAfter) {
        return onGroup(group, g -> {
            g.hooks.add(new SimHook(name, heartbeatTimeout, defaultResult, completesAfter, false));
            refresh(g);
        });
    }

    /** A health check failure of the instance (null: one picked when it happens). */
    public SimActors healthFailure(String group, String instanceId, Instant at, long seed) {
        return disruption(group, SimDisruption.Kind.HEALTH, instanceId, at, seed);
    }

    /** A Spot interruption warning at {@code at}; the instance is gone two minutes later. */
    public SimActors spotInterruption(String group, String instanceId, Instant at, long seed) {
        return disruption(group, SimDisruption.Kind.SPOT, instanceId, at, seed);
    }

    /** The instance (null: one picked) enters Standby, decrementing desired capacity. */
    public SimActors enterStandby(String group, String instanceId, Instant at, long seed) {
        return disruption(group, SimDisruption.Kind.ENTER_STANDBY, instanceId, at, seed);
    }

    public SimActors exitStandby(String group, String instanceId, Instant at, long seed) {
        return disruption(group, SimDisruption.Kind.EXIT_STANDBY, instanceId, at, seed);
    }

    /** NewInstancesProtectedFromScaleIn on the group. */
    public SimActors protectNewInstances(String group) {
        return onGroup(group, g -> g.newInstancesProtected = true);
    }

    /** A zone added to the group (a new subnet): the zones are uneven until rebalancing evens them out. */
    public SimActors addZone(String group, String zone) {
        return onGroup(group, g -> {
            List<String> zones = new ArrayList<>(g.zones);
            zones.add(zone);
            g.zones = List.copyOf(zones);
        });
    }

    /**
     * The group picks among its equally small zones in an order of its own, as AWS does not
     * document one (by default the simulator takes the first in the group's list).
     */
    public SimActors zoneTiesInAnyOrder(String group, long seed) {
        return onGroup(group, g -> g.zoneTies = new java.util.Random(seed));
    }

    /** What desired, min and max count: units, vcpu or memory-mib. */
    public SimActors desiredCapacityType(String group, String type) {
        return onGroup(group, g -> g.desiredCapacityType = type);
    }

    public SimActors terminationPolicies(String group, List<String> policies) {
        return onGroup(group, g -> g.terminationPolicies = List.copyOf(policies));
    }

    /** Other groups that launch from this group's launch template through $Default or $Latest. */
    public SimActors launchTemplateSharedWith(String group, List<String> others) {
        return onGroup(group, g -> {
            g.sharedWith = List.copyOf(others);
            refresh(g);
        });
    }

    private SimActors disruption(String group, SimDisruption.Kind kind, String instanceId, Instant at, long seed) {
        return onGroup(group, g -> world.actors.add(new SimDisruption(group, kind, instanceId, at, seed)));
    }

    /** Changes the group, which must exist, under the world's lock. */
    private SimActors onGroup(String group, Consumer<SimGroup> change) {
        synchronized (world) {
            change.accept(group(group));
        }
        return this;
    }

    private SimGroup group(String name) {
        SimGroup g = world.groups.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no simulated group " + name);
        }
        return g;
    }

    private static void refresh(SimGroup g) {
        List<LifecycleHook> hooks = new ArrayList<>();
        for (SimHook h : g.hooks) {
            hooks.add(new LifecycleHook(h.name(), LifecycleHook.TERMINATING, h.heartbeatTimeout(), h.defaultResult()));
        }
        g.surroundings = new GroupSurroundings(g.policies, g.schedules, hooks, Optional.ofNullable(g.capacityProvider),
                g.sharedWith);
    }
}
