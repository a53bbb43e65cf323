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
import java.util.Set;
import java.util.function.UnaryOperator;

/** Tasks whose desired status is RUNNING: ListTasks (100 a page) then DescribeTasks (100 a call). */
final class EcsTasks {
    static final int DESCRIBE_BATCH = 100;
    private static final String SERVICE_GROUP = "service:";

    private final EcsClient ecs;

    EcsTasks(EcsClient ecs) {
        this.ecs = ecs;
    }

    /** The tasks placed on one container instance. */
    List<TaskInfo> onInstance(String cluster, String containerInstanceArn, Map<String, ServiceState> services) {
        List<TaskInfo> tasks = new ArrayList<>();
        describe(cluster, list(cluster, r -> r.containerInstance(containerInstanceArn)))
                .forEach(t -> tasks.add(info(t, services)));
        return tasks;
    }

    /** Every task of the cluster, by container instance ARN. */
    Map<String, List<TaskInfo>> byInstance(String cluster, Map<String, ServiceState> services) {
        Map<String, List<TaskInfo>> byInstance = new HashMap<>();
        for (Task t : describe(cluster, list(cluster, UnaryOperator.identity()))) {
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

    private List<Task> describe(String cluster, List<String> taskArns) {
        List<Task> tasks = new ArrayList<>();
        for (List<String> batch : Batches.of(taskArns, DESCRIBE_BATCH)) {
            tasks.addAll(AwsCalls.call("DescribeTasks", () -> ecs.describeTasks(r -> r.cluster(cluster).tasks(batch)))
                    .tasks());
        }
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
