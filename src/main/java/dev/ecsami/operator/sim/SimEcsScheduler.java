package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.TaskInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ECS service scheduler of the simulated world. Like the real one, it replaces tasks on
 * DRAINING instances within the service's deployment bounds: it starts replacements on ACTIVE
 * instances while running tasks stay under maximumPercent, and stops draining tasks while healthy
 * tasks stay at or above minimumHealthyPercent. Daemon services get one task per ACTIVE instance.
 */
final class SimEcsScheduler {
    /** Ports every container instance reserves (SSH, Docker, the ECS agent). */
    static final Set<Integer> RESERVED_PORTS = Set.of(22, 2375, 2376, 51678, 51679);

    private final SimWorld world;

    SimEcsScheduler(SimWorld world) {
        this.world = world;
    }

    void completeDueTasks(Instant t) {
        world.tasks.removeIf(task -> {
            if (task.nextAt == null || task.nextAt.isAfter(t)) {
                return false;
            }
            if (task.state == SimTask.State.PENDING) {
                SimService s = world.services.get(key(clusterOf(task), task.service));
                if (s != null && s.unhealthy) {
                    return true;
                }
                task.state = SimTask.State.RUNNING;
                task.nextAt = null;
                return false;
            }
            return true;
        });
    }

    void reconcile(Instant t) {
        for (SimService s : world.services.values()) {
            if (s.daemon) {
                placeDaemons(s, t);
            } else {
                reconcileService(s, t);
            }
        }
    }

    private void reconcileService(SimService s, Instant t) {
        List<SimTask> own = world.tasks.stream().filter(x -> x.service.equals(s.name)
                && clusterOf(x).equals(s.cluster)).toList();
        int pending = 0;
        int healthyOnActive = 0;
        int onDraining = 0;
        for (SimTask task : own) {
            if (task.state == SimTask.State.PENDING) {
                pending++;
            } else if (task.state == SimTask.State.RUNNING) {
                if (statusOf(task.instanceId) == ContainerInstance.Status.ACTIVE) {
                    healthyOnActive++;
                } else {
                    onDraining++;
                }
            }
        }
        int maxTotal = s.desired * s.maxPercent / 100;
        int minHealthy = (int) Math.ceil(s.desired * s.minHealthyPercent / 100.0);
        int start = Math.min(s.desired - healthyOnActive - pending,
                maxTotal - healthyOnActive - onDraining - pending);
        Map<String, List<SimTask>> byInstance = start > 0 ? tasksByInstance() : Map.of();
        for (int n = 0; n < start; n++) {
            SimContainerInstance target = placement(s, byInstance);
            if (target == null) {
                break;
            }
            add(new SimTask(taskArn(s.cluster), TaskInfo.Kind.SERVICE, s.name, target.instanceId, s.need,
                    s.hostPorts, SimTask.State.PENDING, t.plus(world.timings.taskStart())), byInstance);
            world.taskTimes.started(s.name);
        }
        scaleIn(s, own, healthyOnActive - s.desired, t);
        int stoppable = Math.min(onDraining, healthyOnActive + onDraining - minHealthy);
        for (SimTask task : own) {
            if (stoppable <= 0) {
                break;
            }
            SimContainerInstance ci = world.containerInstance(task.instanceId);
            if (task.state == SimTask.State.RUNNING && ci != null && ci.status == ContainerInstance.Status.DRAINING
                    && !ci.stuckDrain) {
                task.state = SimTask.State.STOPPING;
                task.nextAt = t.plus(world.timings.taskStop());
                stoppable--;
            }
        }
    }

    /**
     * Stops surplus tasks, as ECS does when more run than desired (an instance set back to ACTIVE
     * with its tasks, after their replacements started elsewhere): one at a time from the ACTIVE
     * instance running most of the service's tasks.
     */
    private void scaleIn(SimService s, List<SimTask> own, int surplus, Instant t) {
        Map<String, List<SimTask>> byInstance = new HashMap<>();
        for (SimTask task : own) {
            if (task.state == SimTask.State.RUNNING && statusOf(task.instanceId) == ContainerInstance.Status.ACTIVE) {
                byInstance.computeIfAbsent(task.instanceId, k -> new ArrayList<>()).add(task);
            }
        }
        for (int n = 0; n < surplus; n++) {
            List<SimTask> most = byInstance.values().stream().max((a, b) -> Integer.compare(a.size(), b.size()))
                    .orElseThrow();
            SimTask task = most.remove(most.size() - 1);
            task.state = SimTask.State.STOPPING;
            task.nextAt = t.plus(world.timings.taskStop());
        }
    }

    private void placeDaemons(SimService s, Instant t) {
        for (SimContainerInstance ci : world.clusters.getOrDefault(s.cluster, List.of())) {
            boolean has = world.tasks.stream().anyMatch(x -> x.instanceId.equals(ci.instanceId)
                    && x.service.equals(s.name));
            if (!has && ci.status == ContainerInstance.Status.ACTIVE && fits(ci, s)) {
                world.tasks.add(new SimTask(taskArn(s.cluster), TaskInfo.Kind.DAEMON, s.name, ci.instanceId, s.need,
                        s.hostPorts, SimTask.State.PENDING, t.plus(world.timings.taskStart())));
            }
        }
    }

    /** The world's tasks grouped by instance, for a run of placements that {@link #add} keeps current. */
    Map<String, List<SimTask>> tasksByInstance() {
        Map<String, List<SimTask>> byInstance = new HashMap<>();
        for (SimTask x : world.tasks) {
            byInstance.computeIfAbsent(x.instanceId, k -> new ArrayList<>()).add(x);
        }
        return byInstance;
    }

    /** Adds a placed task to the world and to the grouping of the run of placements. */
    void add(SimTask task, Map<String, List<SimTask>> byInstance) {
        world.tasks.add(task);
        byInstance.computeIfAbsent(task.instanceId, k -> new ArrayList<>()).add(task);
    }

    /**
     * Where ECS places the service's next task: among the ACTIVE instances with the agent connected
     * that fit it (resources, host ports, {@code distinctInstance}), the best by the service's
     * placement strategy, the first such instance on a tie. Linear in the instances, given the tasks
     * grouped by instance.
     */
    SimContainerInstance placement(SimService s, Map<String, List<SimTask>> byInstance) {
        List<SimContainerInstance> instances = world.clusters.getOrDefault(s.cluster, List.of());
        Map<String, Integer> perZone = s.placement == SimPlacement.SPREAD_AZ
                ? tasksPerZone(s, instances, byInstance) : Map.of();
        SimContainerInstance best = null;
        long[] bestKey = null;
        for (SimContainerInstance ci : instances) {
            if (ci.status != ContainerInstance.Status.ACTIVE || !ci.agentConnected) {
                continue;
            }
            List<SimTask> on = byInstance.getOrDefault(ci.instanceId, List.of());
            long own = tasksOf(on, s.name);
            Resources free = remaining(ci, on);
            if (s.distinctInstance && own > 0 || !free.fits(s.need) || portTaken(s, on)) {
                continue;
            }
            long[] key = switch (s.placement) {
                case SPREAD_AZ -> new long[] {perZone.getOrDefault(ci.zone, 0), own, -free.cpu()};
                case SPREAD_INSTANCE -> new long[] {own, -free.cpu()};
                case BINPACK_MEMORY -> new long[] {free.memory()};
            };
            if (best == null || Arrays.compare(key, bestKey) < 0) {
                best = ci;
                bestKey = key;
            }
        }
        return best;
    }

    /** The service's tasks that are not stopping on the ACTIVE instances of each zone. */
    private static Map<String, Integer> tasksPerZone(SimService s, List<SimContainerInstance> instances,
                                                     Map<String, List<SimTask>> byInstance) {
        Map<String, Integer> perZone = new HashMap<>();
        for (SimContainerInstance ci : instances) {
            if (ci.status != ContainerInstance.Status.ACTIVE) {
                continue;
            }
            int n = 0;
            for (SimTask x : byInstance.getOrDefault(ci.instanceId, List.of())) {
                if (x.service.equals(s.name) && x.state != SimTask.State.STOPPING) {
                    n++;
                }
            }
            perZone.merge(ci.zone, n, Integer::sum);
        }
        return perZone;
    }

    /** A loop, not a stream: a run of placements calls it for every instance. */
    private static long tasksOf(List<SimTask> on, String service) {
        long n = 0;
        for (SimTask x : on) {
            if (x.service.equals(service)) {
                n++;
            }
        }
        return n;
    }

    /** Whether a host port of the service is reserved or in use among these tasks; cheap for portless services. */
    private static boolean portTaken(SimService s, List<SimTask> on) {
        if (s.hostPorts.isEmpty()) {
            return false;
        }
        Set<Integer> used = usedPorts(on);
        return s.hostPorts.stream().anyMatch(used::contains);
    }

    private boolean fits(SimContainerInstance ci, SimService s) {
        if (s.distinctInstance && tasksOf(ci, s.name) > 0) {
            return false;
        }
        Set<Integer> used = usedPorts(ci);
        return remaining(ci).fits(s.need) && s.hostPorts.stream().noneMatch(used::contains);
    }

    private long tasksOf(SimContainerInstance ci, String service) {
        return world.tasks.stream().filter(x -> x.instanceId.equals(ci.instanceId) && x.service.equals(service))
                .count();
    }

    Resources remaining(SimContainerInstance ci) {
        return remaining(ci, world.tasks.stream().filter(x -> x.instanceId.equals(ci.instanceId)).toList());
    }

    /** What is left of the instance's registered resources with these tasks placed on it. */
    static Resources remaining(SimContainerInstance ci, List<SimTask> on) {
        Resources free = ci.registered;
        for (SimTask x : on) {
            free = free.minus(x.need);
        }
        return free;
    }

    Set<Integer> usedPorts(SimContainerInstance ci) {
        return usedPorts(world.tasks.stream().filter(x -> x.instanceId.equals(ci.instanceId)).toList());
    }

    /** The reserved ports and those of these tasks. */
    static Set<Integer> usedPorts(List<SimTask> on) {
        Set<Integer> used = new HashSet<>(RESERVED_PORTS);
        for (SimTask x : on) {
            used.addAll(x.ports);
        }
        return used;
    }

    private ContainerInstance.Status statusOf(String instanceId) {
        SimContainerInstance ci = world.containerInstance(instanceId);
        return ci == null ? ContainerInstance.Status.INACTIVE : ci.status;
    }

    private String clusterOf(SimTask task) {
        SimContainerInstance ci = world.containerInstance(task.instanceId);
        return ci == null ? "" : ci.cluster;
    }

    String taskArn(String cluster) {
        return "arn:aws:ecs:us-east-1:123456789012:task/" + cluster + "/" + world.nextId("", 32);
    }

    static String key(String cluster, String service) {
        return cluster + "/" + service;
    }
}
