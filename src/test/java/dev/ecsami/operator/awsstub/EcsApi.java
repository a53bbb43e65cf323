package dev.ecsami.operator.awsstub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.fleet.TaskInfo;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.sim.SimulatedAws;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * ECS (awsJson1_1) over the simulated clusters. Each call reads the cluster through the
 * simulation's port, so each passes the fault plan once; task definitions are made up, one per
 * service, holding what its tasks reserve.
 */
final class EcsApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:";
    private static final Pattern IN_INSTANCES = Pattern.compile("ec2InstanceId in \\[([^\\]]*)]");

    private record Placed(TaskInfo task, String containerInstanceArn) {
    }

    private record ServiceRef(String cluster, String service) {
    }

    private final SimulatedAws aws;
    private final EcsCapacityApi capacity;
    private final Map<String, ServiceRef> serviceByTaskDefinition = new HashMap<>();

    EcsApi(SimulatedAws aws, SeenGroups seen) {
        this.aws = aws;
        this.capacity = new EcsCapacityApi(aws, seen);
    }

    Reply answer(String operation, String body) {
        JsonNode request = SsmApi.read(body);
        String cluster = lastPart(request.path("cluster").asText("default"));
        ObjectNode reply = switch (operation) {
            case "ListContainerInstances" -> page(request, "containerInstanceArns", read(cluster, TaskDetail.NONE)
                    .instances().stream().filter(ci -> ci.status() != ContainerInstance.Status.INACTIVE)
                    .filter(ci -> ec2InstanceIds(request).map(ids -> ids.contains(ci.ec2InstanceId())).orElse(true))
                    .map(ContainerInstance::arn).toList());
            case "DescribeContainerInstances" -> describeInstances(cluster, strings(request, "containerInstances"));
            case "ListServices" -> page(request, "serviceArns", read(cluster, TaskDetail.NONE).services().stream()
                    .map(s -> serviceArn(cluster, s.name())).toList());
            case "DescribeServices" -> describeServices(cluster, strings(request, "services"));
            case "DescribeTaskDefinition" -> describeTaskDefinition(request.path("taskDefinition").asText());
            case "ListTasks" -> page(request, "taskArns", tasks(cluster).stream()
                    .filter(p -> !request.has("containerInstance")
                            || lastPart(p.containerInstanceArn()).equals(lastPart(request.get("containerInstance")
                            .asText())))
                    .map(p -> p.task().taskArn()).toList());
            case "DescribeTasks" -> describeTasks(cluster, strings(request, "tasks"));
            case "UpdateContainerInstancesState" -> updateState(cluster, strings(request, "containerInstances"),
                    ContainerInstance.Status.valueOf(request.path("status").asText()));
            case "DescribeClusters" -> capacity.describeClusters(request);
            case "DescribeCapacityProviders" -> capacity.describeCapacityProviders(request);
            default -> throw new Reply.Failure(operation, "InvalidAction", "the stub does not implement " + operation);
        };
        return Reply.json(reply.toString());
    }

    /**
     * The instances a ListContainerInstances filter names; the stub knows only the form
     * {@code ec2InstanceId in ['i-1', 'i-2']}.
     */
    static Optional<Set<String>> ec2InstanceIds(JsonNode request) {
        if (!request.hasNonNull("filter")) {
            return Optional.empty();
        }
        Matcher m = IN_INSTANCES.matcher(request.get("filter").asText());
        if (!m.matches()) {
            throw new Reply.Failure("ListContainerInstances", "InvalidParameterException",
                    "the stub does not understand the filter " + request.get("filter").asText());
        }
        return Optional.of(Arrays.stream(m.group(1).split(",")).map(id -> id.trim().replace("'", ""))
                .collect(Collectors.toSet()));
    }

    private ClusterState read(String cluster, TaskDetail detail) {
        return aws.containerInstances().describe(cluster, detail);
    }

    private List<Placed> tasks(String cluster) {
        List<Placed> placed = new ArrayList<>();
        for (ContainerInstance ci : read(cluster, TaskDetail.ALL).instances()) {
            ci.tasks().forEach(t -> placed.add(new Placed(t, ci.arn())));
        }
        return placed;
    }

    /** One page of a List call; the next token is the offset of the next page. */
    private static ObjectNode page(JsonNode request, String field, List<String> all) {
        int from = request.hasNonNull("nextToken") ? Integer.parseInt(request.get("nextToken").asText()) : 0;
        int size = request.path("maxResults").asInt(100);
        int to = Math.min(all.size(), from + size);
        ObjectNode reply = JSON.createObjectNode();
        all.subList(from, to).forEach(reply.putArray(field)::add);
        if (to < all.size()) {
            reply.put("nextToken", Integer.toString(to));
        }
        return reply;
    }

    private ObjectNode describeInstances(String cluster, List<String> arns) {
        return described(arns, read(cluster, TaskDetail.NONE).instances(), ContainerInstance::arn,
                "containerInstances", EcsApi::containerInstance);
    }

    private ObjectNode describeServices(String cluster, List<String> names) {
        return described(names.stream().map(EcsApi::lastPart).toList(), read(cluster, TaskDetail.NONE).services(),
                ServiceState::name, "services", s -> service(cluster, s));
    }

    private ObjectNode describeTasks(String cluster, List<String> arns) {
        return described(arns, tasks(cluster), p -> p.task().taskArn(), "tasks", p -> task(cluster, p));
    }

    /** Those found in order; the rest as MISSING failures, as ECS answers for things that are gone. */
    private static <T> ObjectNode described(List<String> wanted, List<T> present, Function<T, String> key,
                                            String field, Function<T, ObjectNode> json) {
        Map<String, T> byKey = new HashMap<>();
        present.forEach(p -> byKey.put(key.apply(p), p));
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode found = reply.putArray(field);
        ArrayNode failures = reply.putArray("failures");
        for (String w : wanted) {
            T p = byKey.get(w);
            if (p != null) {
                found.add(json.apply(p));
            } else {
                failures.addObject().put("arn", w).put("reason", "MISSING");
            }
        }
        return reply;
    }

    private ObjectNode describeTaskDefinition(String arn) {
        ServiceRef owner = serviceByTaskDefinition.get(arn);
        ServiceState s = owner == null ? null
                : read(owner.cluster(), TaskDetail.NONE).service(owner.service()).orElse(null);
        if (s == null) {
            throw new Reply.Failure("DescribeTaskDefinition", "ClientException", "Unable to describe task definition.");
        }
        ObjectNode td = JSON.createObjectNode().put("taskDefinitionArn", arn).put("family", s.name())
                .put("revision", 1).put("status", "ACTIVE").put("networkMode", "bridge")
                .put("cpu", Integer.toString(s.taskNeed().cpu()))
                .put("memory", Integer.toString(s.taskNeed().memory()));
        ObjectNode container = td.putArray("containerDefinitions").addObject().put("name", "app")
                .put("image", "public.ecr.aws/docker/library/nginx:latest").put("essential", true);
        ArrayNode mappings = container.putArray("portMappings");
        s.hostPorts().forEach(p -> mappings.addObject().put("containerPort", p).put("hostPort", p)
                .put("protocol", "tcp"));
        ObjectNode reply = JSON.createObjectNode();
        reply.set("taskDefinition", td);
        return reply;
    }

    /** Drains or reactivates the instances that exist; the others come back as MISSING failures. */
    private ObjectNode updateState(String cluster, List<String> arns, ContainerInstance.Status status) {
        List<String> existing = aws.peekCluster(cluster).instances().stream().map(ContainerInstance::arn)
                .filter(arns::contains).toList();
        if (!existing.isEmpty()) {
            aws.containerInstances().setState(cluster, existing, status);
        }
        return described(arns, aws.peekCluster(cluster).instances(), ContainerInstance::arn, "containerInstances",
                EcsApi::containerInstance);
    }

    private static ObjectNode containerInstance(ContainerInstance ci) {
        ObjectNode n = JSON.createObjectNode().put("containerInstanceArn", ci.arn())
                .put("ec2InstanceId", ci.ec2InstanceId()).put("status", ci.status().name())
                .put("agentConnected", ci.agentConnected()).put("runningTasksCount", ci.runningTasks())
                .put("pendingTasksCount", ci.pendingTasks()).put("version", 1);
        n.putArray("attributes").addObject().put("name", "ecs.ami-id").put("value", ci.amiId());
        resources(n.putArray("registeredResources"), ci.registered().cpu(), ci.registered().memory(), List.of());
        resources(n.putArray("remainingResources"), ci.remaining().cpu(), ci.remaining().memory(),
                ci.usedPorts().stream().sorted().map(String::valueOf).toList());
        return n;
    }

    private static void resources(ArrayNode list, int cpu, int memory, List<String> ports) {
        list.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", cpu);
        list.addObject().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", memory);
        ArrayNode set = list.addObject().put("name", "PORTS").put("type", "STRINGSET").putArray("stringSetValue");
        ports.forEach(set::add);
    }

    private ObjectNode service(String cluster, ServiceState s) {
        String taskDefinition = ARN + "task-definition/" + cluster + "-" + s.name() + ":1";
        serviceByTaskDefinition.put(taskDefinition, new ServiceRef(cluster, s.name()));
        ObjectNode n = JSON.createObjectNode().put("serviceArn", serviceArn(cluster, s.name()))
                .put("serviceName", s.name()).put("clusterArn", ARN + "cluster/" + cluster).put("status", "ACTIVE")
                .put("desiredCount", s.desired()).put("runningCount", s.running()).put("pendingCount", s.pending())
                .put("launchType", "EC2").put("taskDefinition", taskDefinition)
                .put("schedulingStrategy", s.daemon() ? "DAEMON" : "REPLICA");
        n.putObject("deploymentConfiguration").put("minimumHealthyPercent", s.minimumHealthyPercent())
                .put("maximumPercent", s.maximumPercent());
        ArrayNode constraints = n.putArray("placementConstraints");
        if (s.distinctInstance()) {
            constraints.addObject().put("type", "distinctInstance");
        }
        ArrayNode deployments = n.putArray("deployments");
        deployments.addObject().put("id", "ecs-svc/primary-" + s.name()).put("status", "PRIMARY")
                .put("rolloutState", s.deploymentsInProgress() > 0 ? "IN_PROGRESS" : "COMPLETED")
                .put("taskDefinition", taskDefinition).put("desiredCount", s.desired())
                .put("runningCount", s.running()).put("pendingCount", s.pending());
        for (int d = 1; d < s.deploymentsInProgress(); d++) {
            deployments.addObject().put("id", "ecs-svc/active-" + d).put("status", "ACTIVE")
                    .put("taskDefinition", taskDefinition);
        }
        return n;
    }

    private static ObjectNode task(String cluster, Placed p) {
        TaskInfo t = p.task();
        ObjectNode n = JSON.createObjectNode().put("taskArn", t.taskArn()).put("clusterArn", ARN + "cluster/" + cluster)
                .put("containerInstanceArn", p.containerInstanceArn())
                .put("group", t.service().isEmpty() ? "family:batch-job" : "service:" + t.service())
                .put("lastStatus", "RUNNING").put("desiredStatus", "RUNNING").put("launchType", "EC2")
                .put("cpu", Integer.toString(t.need().cpu())).put("memory", Integer.toString(t.need().memory()));
        ArrayNode bindings = n.putArray("containers").addObject().put("name", "app").put("lastStatus", "RUNNING")
                .putArray("networkBindings");
        t.hostPorts().forEach(port -> bindings.addObject().put("hostPort", port).put("containerPort", port)
                .put("protocol", "tcp"));
        return n;
    }

    private static String serviceArn(String cluster, String name) {
        return ARN + "service/" + cluster + "/" + name;
    }

    static String lastPart(String arnOrName) {
        return arnOrName.substring(arnOrName.lastIndexOf('/') + 1);
    }

    private static List<String> strings(JsonNode request, String field) {
        List<String> values = new ArrayList<>();
        request.path(field).forEach(v -> values.add(v.asText()));
        return values;
    }
}
