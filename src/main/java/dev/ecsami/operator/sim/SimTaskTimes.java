package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.TaskInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the simulated world's own timings made things take, for honest bounds: per instance, launch
 * to its container instance being ACTIVE, and DRAINING to its tasks being gone and running
 * elsewhere (no service or standalone task left on it, every service of its cluster at desired
 * with running tasks on ACTIVE instances only). Recorded at the exact event times.
 */
public final class SimTaskTimes {
    private final Map<String, Instant> launchedAt = new HashMap<>();
    private final Map<String, Duration> launchToActive = new LinkedHashMap<>();
    private final Map<String, Instant> drainStartedAt = new HashMap<>();
    private final Map<String, Duration> drained = new LinkedHashMap<>();
    private final Map<String, Integer> starts = new HashMap<>();

    void launched(String instanceId, Instant t) {
        launchedAt.put(instanceId, t);
    }

    void registered(String instanceId, Instant t) {
        Instant launched = launchedAt.remove(instanceId);
        if (launched != null) {
            launchToActive.put(instanceId, Duration.between(launched, t));
        }
    }

    void drainStarted(String instanceId, Instant t) {
        if (!drained.containsKey(instanceId)) {
            drainStartedAt.putIfAbsent(instanceId, t);
        }
    }

    /** Closes every open drain whose tasks are gone and running elsewhere at t. */
    void settle(SimWorld world, Instant t) {
        if (drainStartedAt.isEmpty()) {
            return;
        }
        for (var it = drainStartedAt.entrySet().iterator(); it.hasNext(); ) {
            var open = it.next();
            SimContainerInstance ci = world.containerInstance(open.getKey());
            if (ci == null || !holdsTasks(world, ci) && servicesSettled(world, ci.cluster)) {
                drained.put(open.getKey(), Duration.between(open.getValue(), t));
                it.remove();
            }
        }
    }

    private static boolean holdsTasks(SimWorld world, SimContainerInstance ci) {
        for (SimTask task : world.tasks) {
            if (task.instanceId.equals(ci.instanceId) && task.kind != TaskInfo.Kind.DAEMON) {
                return true;
            }
        }
        return false;
    }

    private static boolean servicesSettled(SimWorld world, String cluster) {
        Map<String, Integer> running = new HashMap<>();
        for (SimTask task : world.tasks) {
            SimContainerInstance on = world.containerInstance(task.instanceId);
            if (task.kind == TaskInfo.Kind.SERVICE && task.state == SimTask.State.RUNNING && on != null
                    && on.cluster.equals(cluster) && on.status == ContainerInstance.Status.ACTIVE) {
                running.merge(task.service, 1, Integer::sum);
            }
        }
        for (SimService s : world.services.values()) {
            if (s.cluster.equals(cluster) && !s.daemon && running.getOrDefault(s.name, 0) < s.desired) {
                return false;
            }
        }
        return true;
    }

    void started(String service) {
        starts.merge(service, 1, Integer::sum);
    }

    /** Tasks the ECS scheduler started per service, to replace others or to reach desired. */
    public Map<String, Integer> taskStarts() {
        return Map.copyOf(starts);
    }

    /** Launch to ACTIVE, per instance launched in the simulation, in order of registration. */
    public Map<String, Duration> launchToActive() {
        return Map.copyOf(launchToActive);
    }

    /** DRAINING to tasks gone and running elsewhere, per drained instance, in order of completion. */
    public Map<String, Duration> drains() {
        return new LinkedHashMap<>(drained);
    }

    /** The first launched instance to become ACTIVE, and how long that took. */
    public Duration firstLaunchToActive() {
        return launchToActive.values().stream().findFirst().orElse(Duration.ZERO);
    }
}
