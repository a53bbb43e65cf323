package dev.ecsami.operator.core.fleet;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An ECS cluster as observed: its container instances and services. */
public record ClusterState(String name, List<ContainerInstance> instances, List<ServiceState> services) {
    public ClusterState {
        instances = List.copyOf(instances);
        services = List.copyOf(services);
    }

    public Map<String, ContainerInstance> byEc2Instance() {
        return instances.stream().collect(Collectors.toMap(ContainerInstance::ec2InstanceId, Function.identity(),
                (a, b) -> a.status() == ContainerInstance.Status.INACTIVE ? b : a));
    }

    /** As {@code byEc2Instance().get(instanceId)}, without building the map: one scan. */
    public Optional<ContainerInstance> forEc2Instance(String instanceId) {
        ContainerInstance found = null;
        for (ContainerInstance ci : instances) {
            if (ci.ec2InstanceId().equals(instanceId)) {
                if (found == null) {
                    found = ci;
                } else if (found.status() == ContainerInstance.Status.INACTIVE) {
                    found = ci;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    public Optional<ServiceState> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
