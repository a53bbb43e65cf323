package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.fleet.Resources;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one task of a task definition reserves on a container instance. Task definition revisions
 * are immutable, so each ARN is described once and kept (up to {@link #CAPACITY} ARNs).
 */
final class TaskDefinitionNeeds {
    static final int CAPACITY = 1000;

    record Need(Resources resources, Set<Integer> hostPorts) {
        static final Need NONE = new Need(Resources.NONE, Set.of());

        Need {
            hostPorts = Set.copyOf(hostPorts);
        }
    }

    private final EcsClient ecs;
    private final Map<String, Need> byArn = Lru.map(CAPACITY);

    TaskDefinitionNeeds(EcsClient ecs) {
        this.ecs = ecs;
    }

    Need of(String taskDefinitionArn) {
        Need known = byArn.get(taskDefinitionArn);
        if (known != null) {
            return known;
        }
        TaskDefinition td = AwsCalls.call("DescribeTaskDefinition",
                () -> ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinitionArn))).taskDefinition();
        Need need = need(td);
        byArn.put(taskDefinitionArn, need);
        return need;
    }

    static Need need(TaskDefinition td) {
        int containerCpu = 0;
        int containerMemory = 0;
        for (ContainerDefinition c : td.containerDefinitions()) {
            containerCpu += c.cpu() == null ? 0 : c.cpu();
            // the scheduler reserves the soft limit when there is one, else the hard limit
            Integer memory = c.memoryReservation() != null ? c.memoryReservation() : c.memory();
            containerMemory += memory == null ? 0 : memory;
        }
        Resources resources = new Resources(intOr(td.cpu(), containerCpu), intOr(td.memory(), containerMemory));
        return new Need(resources, hostPorts(td));
    }

    /**
     * Static host ports only. In awsvpc mode ports belong to the task's own network interface;
     * in bridge mode a host port of 0 or none is dynamic; in host mode the container port is the host port.
     */
    static Set<Integer> hostPorts(TaskDefinition td) {
        NetworkMode mode = td.networkMode();
        if (mode == NetworkMode.AWSVPC || mode == NetworkMode.NONE) {
            return Set.of();
        }
        Set<Integer> ports = new HashSet<>();
        for (ContainerDefinition c : td.containerDefinitions()) {
            for (PortMapping p : c.portMappings()) {
                Integer port = mode == NetworkMode.HOST ? (p.hostPort() != null ? p.hostPort() : p.containerPort())
                        : p.hostPort();
                if (port != null && port > 0) {
                    ports.add(port);
                }
            }
        }
        return ports;
    }

    /** Task-level sizes are strings ("512"); anything that is not a plain number falls back to the container sum. */
    static int intOr(String value, int fallback) {
        if (value == null || !value.trim().matches("\\d+")) {
            return fallback;
        }
        return Integer.parseInt(value.trim());
    }
}
