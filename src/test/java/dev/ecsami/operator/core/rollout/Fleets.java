package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.fleet.TaskInfo;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Small observed fleets for the pure checks of the core, built in one line each. */
final class Fleets {
    static final String OLD_REF = "lt:1";

    private Fleets() {
    }

    static GroupInstance inService(String id) {
        return new GroupInstance(id, "us-east-1a", Lifecycle.IN_SERVICE, OLD_REF, true);
    }

    static GroupState group(int desired, int max, List<GroupInstance> instances, String... suspended) {
        return new GroupState("g", desired, 1, max, "lt:2", "ami-new", instances, Set.of(suspended));
    }

    /** An ACTIVE container instance with its agent connected. */
    static ContainerInstance active(String id, Resources remaining, TaskInfo... tasks) {
        return instance(id, ContainerInstance.Status.ACTIVE, true, remaining, tasks);
    }

    static ContainerInstance instance(String id, ContainerInstance.Status status, boolean connected,
                                      Resources remaining, TaskInfo... tasks) {
        Set<Integer> ports = Arrays.stream(tasks).flatMap(t -> t.hostPorts().stream()).collect(Collectors.toSet());
        return new ContainerInstance("arn:" + id, id, status, connected, "ami-old", new Resources(4096, 8192),
                remaining, ports, tasks.length, 0, true, List.of(tasks));
    }

    static TaskInfo task(String service, int cpu, int memory, Integer... hostPorts) {
        return new TaskInfo("arn:task:" + service + ":" + cpu + ":" + memory, TaskInfo.Kind.SERVICE, service,
                new Resources(cpu, memory), Set.of(hostPorts));
    }

    static TaskInfo standalone(String name) {
        return new TaskInfo("arn:task:" + name, TaskInfo.Kind.STANDALONE, "", new Resources(128, 128), Set.of());
    }

    static TaskInfo daemon(String service) {
        return new TaskInfo("arn:task:" + service, TaskInfo.Kind.DAEMON, service, new Resources(4000, 8000), Set.of());
    }

    static ServiceState service(String name, int desired, int minHealthy, int maxPercent) {
        return new ServiceState(name, desired, desired, 0, 0, minHealthy, maxPercent, false, false,
                new Resources(256, 512), Set.of());
    }

    static ServiceState distinct(String name, int desired) {
        return new ServiceState(name, desired, desired, 0, 0, 50, 200, false, true, new Resources(256, 512),
                Set.of());
    }

    static Observation observe(GroupState group, List<ContainerInstance> instances, ServiceState... services) {
        return new Observation(group, new ClusterState("c", instances, List.of(services)));
    }
}
