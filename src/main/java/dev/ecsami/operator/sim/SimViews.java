package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.fleet.TaskInfo;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.ExternalCallFailed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the simulated world as the core's observation types, the way the AWS APIs report it. */
final class SimViews {
    private final SimWorld world;

    SimViews(SimWorld world) {
        this.world = world;
    }

    SimGroup requireGroup(String name, String operation) {
        SimGroup g = world.groups.get(name);
        if (g == null) {
            throw new ExternalCallFailed(operation, "NotFound", "no Auto Scaling group named " + name, false);
        }
        return g;
    }

    List<SimContainerInstance> requireCluster(String name, String operation) {
        List<SimContainerInstance> cis = world.clusters.get(name);
        if (cis == null) {
            throw new ExternalCallFailed(operation, "ClusterNotFoundException", "no cluster named " + name, false);
        }
        return cis;
    }

    GroupState group(String name) {
        SimGroup g = requireGroup(name, "DescribeAutoScalingGroups");
        List<GroupInstance> instances = g.instances.stream()
                .map(i -> new GroupInstance(i.id, i.az, i.lifecycle, i.launchRef, i.healthy, i.protectedFromScaleIn,
                        i.weight)).toList();
        return new GroupState(g.name, g.desired, g.min, g.max, g.launchRef, g.launchSpecs.get(g.launchRef), instances,
                g.suspended, g.desiredCapacityType, g.newInstancesProtected, g.terminationPolicies, g.zones);
    }

    ClusterState cluster(String name, TaskDetail detail) {
        List<SimContainerInstance> cis = requireCluster(name, "DescribeContainerInstances");
        Map<String, List<SimTask>> byInstance = new HashMap<>();
        for (SimTask t : world.tasks) {
            byInstance.computeIfAbsent(t.instanceId, k -> new ArrayList<>()).add(t);
        }
        List<ContainerInstance> instances = new ArrayList<>();
        for (SimContainerInstance ci : cis) {
            List<SimTask> on = byInstance.getOrDefault(ci.instanceId, List.of());
            int running = (int) on.stream().filter(t -> t.state != SimTask.State.PENDING).count();
            boolean known = detail == TaskDetail.ALL
                    || detail == TaskDetail.DRAINING && ci.status == ContainerInstance.Status.DRAINING;
            List<TaskInfo> tasks = known ? on.stream().map(SimTask::view).toList() : List.of();
            instances.add(new ContainerInstance(ci.arn, ci.instanceId, ci.status, ci.agentConnected, ci.ami,
                    ci.registered, SimEcsScheduler.remaining(ci, on), SimEcsScheduler.usedPorts(on), running, on.size() - running, known, tasks));
        }
        Set<String> inCluster = new HashSet<>();
        cis.forEach(ci -> inCluster.add(ci.instanceId));
        List<ServiceState> services = new ArrayList<>();
        for (SimService s : world.services.values()) {
            if (!s.cluster.equals(name)) {
                continue;
            }
            int running = 0;
            int pending = 0;
            for (SimTask t : world.tasks) {
                if (t.service.equals(s.name) && inCluster.contains(t.instanceId)) {
                    if (t.state == SimTask.State.RUNNING) {
                        running++;
                    } else if (t.state == SimTask.State.PENDING) {
                        pending++;
                    }
                }
            }
            int desired = s.daemon ? (int) cis.stream()
                    .filter(c -> c.status == ContainerInstance.Status.ACTIVE).count() : s.desired;
            services.add(new ServiceState(s.name, desired, running, pending, 0, s.daemon ? 0 : s.minHealthyPercent,
                    s.daemon ? 100 : s.maxPercent, s.daemon, s.distinctInstance, s.need, s.hostPorts));
        }
        return new ClusterState(name, instances, services);
    }
}
