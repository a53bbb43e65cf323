package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.fleet.TaskInfo;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.Task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Tasks whose desired status is RUNNING: ListTasks (100 a page) on every read, DescribeTasks (100
 * a call) only for tasks not described before. What is used of a task (its group, reservations,
 * host ports) no longer changes once it is RUNNING, so the RUNNING tasks a read of a cluster
 * lists are kept until the next read of that cluster: on a draining instance, whose task set
 * only shrinks, the tasks are described once for the whole drain.
 */
final class EcsTasks {
    static final int DESCRIBE_BATCH = 100;
    private static final String SERVICE_GROUP = "service:";

    private final EcsClient ecs;
    /** Per cluster, the RUNNING tasks its last read listed, by task ARN. */
    private final Map<String, Map<String, Task>> running = Lru.map(ArnMemory.CLUSTERS);

    EcsTasks(EcsClient ecs) {
        this.ecs = ecs;
    }

    /** The tasks placed on each of the given container instances (one listing each), by instance ARN. */
    Map<String, List<TaskInfo>> onInstances(String cluster, List<String> containerInstanceArns,
                                            Map<String, ServiceState> services) {
        List<String> arns = new ArrayList<>();
        containerInstanceArns.forEach(ci -> arns.addAll(list(cluster, r -> r.containerInstance(ci))));
        return byInstance(describe(cluster, arns), services);
    }

    /** Every task of the cluster, by container instance ARN. */
    Map<String, List<TaskInfo>> all(String cluster, Map<String, ServiceState> services) {
        return byInstance(describe(cluster, list(cluster, UnaryOperator.identity())), services);
    }

    private static Map<String, List<TaskInfo>> byInstance(List<Task> tasks, Map<String, ServiceState> services) {
        Map<String, List<TaskInfo>> byInstance = new HashMap<>();
        for (Task t : tasks) {
            if (t.containerInstanceArn() != null) {
                byInstance.computeIfAbsent(t.containerInstanceArn(), k -> new ArrayList<>()).add(info(t, services));
            }
        }
        return byInstance;
    }

    private List<String> list(String cluster, UnaryOperator<ListTasksRequest.Builder> filter) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            ListTasksRequest request = filter.apply(ListTasksRequest.builder().cluster(cluster)
                    .desiredStatus(DesiredStatus.RUNNING).maxResults(100).nextToken(token)).build();
            ListTasksResponse page = AwsCalls.call("ListTasks", () -> ecs.listTasks(request));
            arns.addAll(page.taskArns());
            token = page.nextToken();
        } while (token != null);
        return arns;
    }

    /** The listed tasks that still exist, in listed order; those kept from the last read are not described again. */
    private List<Task> describe(String cluster, List<String> taskArns) {
        Map<String, Task> kept = running.getOrDefault(cluster, Map.of());
        Map<String, Task> found = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String arn : taskArns) {
            Task t = kept.get(arn);
            if (t != null) {
                found.put(arn, t);
            } else {
                unknown.add(arn);
            }
        }
        for (List<String> batch : Batches.of(unknown, DESCRIBE_BATCH)) {
            // failures are tasks gone since they were listed
            AwsCalls.call("DescribeTasks", () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)))
                    .tasks().forEach(t -> found.put(t.taskArn(), t));
        }
        List<Task> tasks = taskArns.stream().map(found::get).filter(Objects::nonNull).distinct().toList();
        running.put(cluster, tasks.stream().filter(t -> "RUNNING".equals(t.lastStatus()))
                .collect(Collectors.toUnmodifiableMap(Task::taskArn, t -> t)));
        return tasks;
    }

    static TaskInfo info(Task t, Map<String, ServiceState> services) {
        String group = t.group() == null ? "" : t.group();
        String service = group.startsWith(SERVICE_GROUP) ? group.substring(SERVICE_GROUP.length()) : "";
        ServiceState owner = services.get(service);
        TaskInfo.Kind kind = owner != null && owner.daemon() ? TaskInfo.Kind.DAEMON
                : service.isEmpty() ? TaskInfo.Kind.STANDALONE : TaskInfo.Kind.SERVICE;
        return new TaskInfo(t.taskArn(), kind, service, need(t), hostPorts(t));
    }

    /** Task-level cpu and memory; a task without them reserves what its containers do. */
    static Resources need(Task t) {
        int cpu = 0;
        int memory = 0;
        for (Container c : t.containers()) {
            cpu += TaskDefinitionNeeds.intOr(c.cpu(), 0);
            int reservation = TaskDefinitionNeeds.intOr(c.memoryReservation(), 0);
            memory += reservation > 0 ? reservation : TaskDefinitionNeeds.intOr(c.memory(), 0);
        }
        return new Resources(TaskDefinitionNeeds.intOr(t.cpu(), cpu), TaskDefinitionNeeds.intOr(t.memory(), memory));
    }

    static Set<Integer> hostPorts(Task t) {
        Set<Integer> ports = new HashSet<>();
        for (Container c : t.containers()) {
            for (NetworkBinding b : c.networkBindings()) {
                if (b.hostPort() != null && b.hostPort() > 0) {
                    ports.add(b.hostPort());
                }
            }
        }
        return ports;
    }
}
