package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.TaskInfo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the simulated world for a demo or a test, and injects faults into it. */
public final class SimSetup {
    private final SimWorld world;

    SimSetup(SimWorld world) {
        this.world = world;
    }

    public SimSetup image(String id, String name, String architecture) {
        synchronized (world) {
            world.images.put(id, new SimWorld.SimImage(id, name, architecture));
        }
        return this;
    }

    /** Sets an SSM parameter to an image id, e.g. to publish a new recommended ECS AMI. */
    public SimSetup parameter(String name, String imageId) {
        synchronized (world) {
            world.ssmParameters.put(name, imageId);
        }
        return this;
    }

    /** CPU units and MiB of memory of every instance launched from now on. */
    public SimSetup instanceSize(int cpu, int memory) {
        synchronized (world) {
            world.instanceSize = new Resources(cpu, memory);
        }
        return this;
    }

    /** A group whose {@code desired} instances already run the AMI, InService and registered. */
    public SimSetup group(String name, String cluster, List<String> zones, int desired, int min, int max, String ami) {
        synchronized (world) {
            SimGroup g = new SimGroup(name, cluster, zones, desired, min, max);
            g.launchRef = "lt-" + name + ":1";
            g.launchSpecs.put(g.launchRef, ami);
            world.groups.put(name, g);
            world.clusters.computeIfAbsent(cluster, c -> new java.util.ArrayList<>());
            for (int n = 0; n < desired; n++) {
                SimInstance i = world.launch(g, world.now());
                i.lifecycle = Lifecycle.IN_SERVICE;
                i.registerAt = null;
                world.register(g, i);
            }
        }
        return this;
    }

    public SimSetup service(String cluster, String name, int desired, int minHealthyPercent, int maxPercent,
                            int cpu, int memory) {
        return service(cluster, name, desired, minHealthyPercent, maxPercent, cpu, memory, Set.of(), false);
    }

    public SimSetup service(String cluster, String name, int desired, int minHealthyPercent, int maxPercent,
                            int cpu, int memory, Set<Integer> hostPorts, boolean distinctInstance) {
        return service(cluster, name, desired, minHealthyPercent, maxPercent, cpu, memory, hostPorts,
                distinctInstance, SimPlacement.SPREAD_INSTANCE);
    }

    public SimSetup service(String cluster, String name, int desired, int minHealthyPercent, int maxPercent,
                            int cpu, int memory, Set<Integer> hostPorts, boolean distinctInstance,
                            SimPlacement placement) {
        synchronized (world) {
            world.services.put(SimEcsScheduler.key(cluster, name), new SimService(name, cluster, desired,
                    minHealthyPercent, maxPercent, false, distinctInstance, new Resources(cpu, memory), hostPorts,
                    placement));
            placeRunning(cluster, name, desired);
        }
        return this;
    }

    public SimSetup daemonService(String cluster, String name, int cpu, int memory) {
        synchronized (world) {
            SimService s = new SimService(name, cluster, 0, 0, 100, true, false, new Resources(cpu, memory), Set.of(),
                    SimPlacement.SPREAD_INSTANCE);
            world.services.put(SimEcsScheduler.key(cluster, name), s);
            for (SimContainerInstance ci : world.clusters.getOrDefault(cluster, List.of())) {
                world.tasks.add(new SimTask(world.scheduler.taskArn(cluster), TaskInfo.Kind.DAEMON, name,
                        ci.instanceId, s.need, Set.of(), SimTask.State.RUNNING, null));
            }
        }
        return this;
    }

    /** A task started by RunTask on that instance; it ends after {@code runFor}, or never when null. */
    public SimSetup standaloneTask(String cluster, String instanceId, int cpu, int memory, Duration runFor) {
        synchronized (world) {
            world.tasks.add(new SimTask(world.scheduler.taskArn(cluster), TaskInfo.Kind.STANDALONE, "", instanceId,
                    new Resources(cpu, memory), Set.of(), SimTask.State.RUNNING,
                    runFor == null ? null : world.now().plus(runFor)));
        }
        return this;
    }

    /** Fault: the next {@code launches} instances never register in the cluster. */
    public SimSetup neverRegisterNextLaunches(int launches) {
        synchronized (world) {
            world.neverRegisterNextLaunches = launches;
        }
        return this;
    }

    /** Fault: tasks on this instance never stop, so draining it never finishes. */
    public SimSetup stuckDrain(String instanceId) {
        synchronized (world) {
            world.containerInstance(instanceId).stuckDrain = true;
        }
        return this;
    }

    /** Fault: new tasks of the service fail to start, so it never gets steady again. */
    public SimSetup unhealthy(String cluster, String service, boolean unhealthy) {
        synchronized (world) {
            world.services.get(SimEcsScheduler.key(cluster, service)).unhealthy = unhealthy;
        }
        return this;
    }

    public SimSetup suspend(String group, String process) {
        synchronized (world) {
            world.groups.get(group).suspended.add(process);
        }
        return this;
    }

    /** The AMI an instance was launched with, for checks on the end state. */
    public String amiOf(String instanceId) {
        synchronized (world) {
            SimInstance i = world.instance(instanceId);
            return i == null ? "" : i.ami;
        }
    }

    private void placeRunning(String cluster, String service, int count) {
        SimService s = world.services.get(SimEcsScheduler.key(cluster, service));
        Map<String, List<SimTask>> byInstance = world.scheduler.tasksByInstance();
        for (int n = 0; n < count; n++) {
            SimContainerInstance ci = world.scheduler.placement(s, byInstance);
            if (ci == null) {
                throw new IllegalStateException("no room in cluster " + cluster + " for task " + (n + 1) + " of "
                        + service);
            }
            world.scheduler.add(new SimTask(world.scheduler.taskArn(cluster), TaskInfo.Kind.SERVICE, service,
                    ci.instanceId, s.need, s.hostPorts, SimTask.State.RUNNING, null), byInstance);
        }
    }
}
