package dev.ecsami.operator.metrics;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.GroupNeighbours;
import dev.ecsami.operator.core.port.LifecycleActions;
import dev.ecsami.operator.core.port.LaunchSpecs;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Counts every call through the ports by operation, and every failure by operation and AWS
 * error code: {@code ecs_operator_aws_calls_total} and {@code ecs_operator_aws_errors_total}.
 */
public final class MeteredPorts {
    private final MeterRegistry registry;

    public MeteredPorts(MeterRegistry registry) {
        this.registry = registry;
    }

    public FleetPorts wrap(FleetPorts p) {
        Fleet fleet = new Fleet() {
            @Override
            public GroupState describe(String group) {
                return call("DescribeGroup", () -> p.fleet().describe(group));
            }

            @Override
            public void setCapacity(String group, int desired, int max) {
                call("SetCapacity", () -> {
                    p.fleet().setCapacity(group, desired, max);
                    return null;
                });
            }

            @Override
            public Set<String> terminatedOnRequest(String group, Set<String> instanceIds) {
                return call("DescribeScalingActivities", () -> p.fleet().terminatedOnRequest(group, instanceIds));
            }

            @Override
            public void terminate(String group, String instanceId, boolean decrement) {
                call("TerminateInstance", () -> {
                    p.fleet().terminate(group, instanceId, decrement);
                    return null;
                });
            }

            @Override
            public void suspendProcesses(String group, Set<String> processes) {
                call("SuspendProcesses", () -> {
                    p.fleet().suspendProcesses(group, processes);
                    return null;
                });
            }

            @Override
            public void resumeProcesses(String group, Set<String> processes) {
                call("ResumeProcesses", () -> {
                    p.fleet().resumeProcesses(group, processes);
                    return null;
                });
            }

            @Override
            public void setInstanceProtection(String group, List<String> instanceIds, boolean protect) {
                call("SetInstanceProtection", () -> {
                    p.fleet().setInstanceProtection(group, instanceIds, protect);
                    return null;
                });
            }
        };
        ContainerInstances ecs = new ContainerInstances() {
            @Override
            public ClusterState describe(String cluster, TaskDetail detail, Set<String> expected) {
                return call("DescribeCluster", () -> p.containerInstances().describe(cluster, detail, expected));
            }

            @Override
            public void setState(String cluster, List<String> arns, ContainerInstance.Status status) {
                call("UpdateContainerInstancesState", () -> {
                    p.containerInstances().setState(cluster, arns, status);
                    return null;
                });
            }
        };
        LaunchSpecs specs = (group, ami) -> call("RollLaunchSpec", () -> p.launchSpecs().rollTo(group, ami));
        AmiCatalog amis = new AmiCatalog() {
            @Override
            public AmiRef resolve(AmiSource source) {
                return call("ResolveAmi", () -> p.amiCatalog().resolve(source));
            }

            @Override
            public Map<AmiSource, Resolution> resolveAll(Collection<AmiSource> sources) {
                return call("ResolveAmis", () -> p.amiCatalog().resolveAll(sources));
            }

            @Override
            public Optional<Image> describe(String imageId) {
                return call("DescribeImage", () -> p.amiCatalog().describe(imageId));
            }
        };
        GroupNeighbours neighbours = (group, cluster) -> call("ReadNeighbours", () -> p.neighbours().read(group, cluster));
        return new FleetPorts(fleet, ecs, specs, amis, neighbours);
    }

    /** The lifecycle actions, counted like the other ports' calls. */
    public LifecycleActions wrap(LifecycleActions actions) {
        return new LifecycleActions() {
            @Override
            public void heartbeat(String group, String hookName, String instanceId, String token) {
                call("RecordLifecycleActionHeartbeat", () -> {
                    actions.heartbeat(group, hookName, instanceId, token);
                    return null;
                });
            }

            @Override
            public void complete(String group, String hookName, String instanceId, String token, String result) {
                call("CompleteLifecycleAction", () -> {
                    actions.complete(group, hookName, instanceId, token, result);
                    return null;
                });
            }
        };
    }

    private <T> T call(String operation, Supplier<T> body) {
        registry.counter("ecs_operator_aws_calls", "operation", operation).increment();
        try {
            return body.get();
        } catch (ExternalCallFailed e) {
            registry.counter("ecs_operator_aws_errors", "operation", e.operation(), "code", e.code()).increment();
            throw e;
        }
    }
}
