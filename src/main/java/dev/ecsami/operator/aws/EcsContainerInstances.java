package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.fleet.TaskInfo;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link ContainerInstances} over the ECS API. Between reads it remembers the ARNs of each
 * cluster's container instances ({@link RegisteredInstances}) and services ({@link EcsServices}),
 * the task definitions' needs and the descriptions of RUNNING tasks ({@link EcsTasks}); what
 * changes (instance status, agent, resources, service counts and deployments, which tasks run
 * where) is read on every call. A warm read with {@link TaskDetail#NONE} costs ceil(N/100)
 * DescribeContainerInstances + ceil(S/10) DescribeServices. On top of that:
 * <ul>
 *   <li>{@link TaskDetail#DRAINING}: one ListTasks per DRAINING instance, and DescribeTasks for
 *       tasks not seen by the last read;</li>
 *   <li>an expected instance not registered as far as is known (a booting replacement): one
 *       filtered ListContainerInstances, at most every {@link RegisteredInstances#LOOK_UP_INTERVAL};</li>
 *   <li>ceil(N/100) ListContainerInstances on a cold read and every {@link RegisteredInstances#MAX_AGE}
 *       (a deregistered instance is simply forgotten); ceil(S/100) ListServices on a cold read,
 *       every {@link EcsServices#MAX_AGE} and after Describe reports a service gone; both on every
 *       {@link TaskDetail#ALL} read, since pre-flight and plans judge the whole cluster;</li>
 *   <li>one DescribeTaskDefinition per task definition not seen before.</li>
 * </ul>
 * Safe for concurrent use; what it remembers is bounded per cluster and in number of clusters.
 */
public final class EcsContainerInstances implements ContainerInstances {
    static final int UPDATE_BATCH = 10;
    static final String AMI_ATTRIBUTE = "ecs.ami-id";

    private final EcsClient ecs;
    private final RegisteredInstances registered;
    private final EcsServices services;
    private final EcsTasks tasks;

    /** @param clock decides when what is remembered is too old */
    public EcsContainerInstances(EcsClient ecs, Clock clock) {
        this.ecs = ecs;
        this.registered = new RegisteredInstances(ecs, clock);
        this.services = new EcsServices(ecs, new TaskDefinitionNeeds(ecs), clock);
        this.tasks = new EcsTasks(ecs);
    }

    @Override
    public ClusterState describe(String cluster, TaskDetail detail, Set<String> expected) {
        boolean listAll = detail == TaskDetail.ALL;
        List<software.amazon.awssdk.services.ecs.model.ContainerInstance> described =
                registered.describe(cluster, expected, listAll);
        List<ServiceState> serviceStates = services.read(cluster, listAll);
        Map<String, ServiceState> byName = serviceStates.stream()
                .collect(Collectors.toMap(ServiceState::name, Function.identity(), (a, b) -> a));
        Map<String, List<TaskInfo>> placed = switch (detail) {
            case NONE -> Map.of();
            case DRAINING -> tasks.onInstances(cluster, described.stream()
                    .filter(ci -> drainingAndExpected(ci, expected))
                    .map(software.amazon.awssdk.services.ecs.model.ContainerInstance::containerInstanceArn)
                    .toList(), byName);
            case ALL -> tasks.all(cluster, byName);
        };
        List<ContainerInstance> instances = new ArrayList<>();
        for (var ci : described) {
            ContainerInstance.Status status = status(ci.status());
            boolean listed = detail == TaskDetail.ALL
                    || detail == TaskDetail.DRAINING && drainingAndExpected(ci, expected);
            instances.add(instance(ci, status, listed, placed.getOrDefault(ci.containerInstanceArn(), List.of())));
        }
        return new ClusterState(cluster, instances, serviceStates);
    }

    /**
     * The tasks of a DRAINING instance are read only while it is still expected in the group: one
     * already terminating stays registered for a minute or so, and nothing looks at its tasks.
     */
    private static boolean drainingAndExpected(software.amazon.awssdk.services.ecs.model.ContainerInstance ci,
                                               Set<String> expected) {
        return status(ci.status()) == ContainerInstance.Status.DRAINING
                && (expected.isEmpty() || expected.contains(ci.ec2InstanceId()));
    }

    /** Sets the status in calls of up to 10 instances; any per-instance failure is thrown after all calls. */
    @Override
    public void setState(String cluster, List<String> containerInstanceArns, ContainerInstance.Status status) {
        if (status != ContainerInstance.Status.ACTIVE && status != ContainerInstance.Status.DRAINING) {
            throw new IllegalArgumentException("container instances can only be set ACTIVE or DRAINING, not " + status);
        }
        List<Failure> failures = new ArrayList<>();
        for (List<String> batch : Batches.of(containerInstanceArns, UPDATE_BATCH)) {
            UpdateContainerInstancesStateResponse response = AwsCalls.call("UpdateContainerInstancesState",
                    () -> ecs.updateContainerInstancesState(r -> r.cluster(cluster).containerInstances(batch)
                            .status(status.name())));
            failures.addAll(response.failures());
        }
        if (!failures.isEmpty()) {
            throw failed(failures);
        }
    }

    /**
     * Retryable only when every failure is one that goes away by itself: an instance still
     * registering, or a service-side hiccup. MISSING and anything unrecognised are not.
     */
    static ExternalCallFailed failed(List<Failure> failures) {
        boolean transientOnly = failures.stream().allMatch(EcsContainerInstances::isTransient);
        String message = failures.stream()
                .map(f -> f.arn() + ": " + f.reason() + (f.detail() == null ? "" : " (" + f.detail() + ")"))
                .collect(Collectors.joining("; "));
        String code = failures.get(0).reason() == null ? "Failure" : failures.get(0).reason();
        return new ExternalCallFailed("UpdateContainerInstancesState", code, message, transientOnly);
    }

    private static boolean isTransient(Failure f) {
        String text = ((f.reason() == null ? "" : f.reason()) + " " + (f.detail() == null ? "" : f.detail()))
                .toUpperCase(Locale.ROOT);
        return text.contains("REGISTERING") || text.contains("THROTTL") || text.contains("TRY AGAIN")
                || text.contains("INTERNAL") || text.contains("UNAVAILABLE");
    }

    private static ContainerInstance instance(software.amazon.awssdk.services.ecs.model.ContainerInstance ci,
                                              ContainerInstance.Status status, boolean tasksKnown,
                                              List<TaskInfo> placed) {
        String ami = ci.attributes().stream().filter(a -> AMI_ATTRIBUTE.equals(a.name())).map(Attribute::value)
                .findFirst().orElse("");
        return new ContainerInstance(ci.containerInstanceArn(), ci.ec2InstanceId(), status,
                Boolean.TRUE.equals(ci.agentConnected()), ami, resources(ci.registeredResources()),
                resources(ci.remainingResources()), reservedPorts(ci.remainingResources()),
                ci.runningTasksCount() == null ? 0 : ci.runningTasksCount(),
                ci.pendingTasksCount() == null ? 0 : ci.pendingTasksCount(), tasksKnown, placed);
    }

    static ContainerInstance.Status status(String status) {
        return switch (status == null ? "" : status) {
            case "ACTIVE" -> ContainerInstance.Status.ACTIVE;
            case "DRAINING" -> ContainerInstance.Status.DRAINING;
            case "INACTIVE" -> ContainerInstance.Status.INACTIVE;
            case "REGISTERING" -> ContainerInstance.Status.REGISTERING;
            case "DEREGISTERING" -> ContainerInstance.Status.DEREGISTERING;
            default -> ContainerInstance.Status.OTHER;
        };
    }

    static Resources resources(List<Resource> resources) {
        int cpu = 0;
        int memory = 0;
        for (Resource r : resources) {
            if ("CPU".equals(r.name()) && r.integerValue() != null) {
                cpu = r.integerValue();
            } else if ("MEMORY".equals(r.name()) && r.integerValue() != null) {
                memory = r.integerValue();
            }
        }
        return new Resources(cpu, memory);
    }

    /**
     * The remaining PORTS (and PORTS_UDP) string sets list the ports already reserved by the
     * agent and by tasks' static mappings. A port reserved in either protocol counts as used,
     * which may overstate conflicts but never hides one.
     */
    static Set<Integer> reservedPorts(List<Resource> remaining) {
        Set<Integer> ports = new HashSet<>();
        for (Resource r : remaining) {
            if (("PORTS".equals(r.name()) || "PORTS_UDP".equals(r.name())) && r.stringSetValue() != null) {
                for (String p : r.stringSetValue()) {
                    if (p.trim().matches("\\d+")) {
                        ports.add(Integer.parseInt(p.trim()));
                    }
                }
            }
        }
        return ports;
    }
}
