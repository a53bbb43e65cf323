package dev.ecsami.operator.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ECS JSON bodies shaped like the examples in the Amazon ECS API reference. */
final class EcsFixtures {
    static final String ACCOUNT = "012345678910";
    static final String CLUSTER = "production";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EcsFixtures() {
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }

    static String ciArn(String id) {
        return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":container-instance/" + CLUSTER + "/" + id;
    }

    static String taskArn(String id) {
        return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task/" + CLUSTER + "/" + id;
    }

    static String serviceArn(String name) {
        return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":service/" + CLUSTER + "/" + name;
    }

    static String taskDefArn(String familyRevision) {
        return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/" + familyRevision;
    }

    static String list(String key, List<String> arns, String nextToken) {
        return json(map(key, arns, "nextToken", nextToken));
    }

    static Map<String, Object> resource(String name, int value) {
        return map("name", name, "type", "INTEGER", "doubleValue", 0.0, "longValue", 0, "integerValue", value);
    }

    static Map<String, Object> ports(String name, List<String> ports) {
        return map("name", name, "type", "STRINGSET", "doubleValue", 0.0, "longValue", 0, "integerValue", 0,
                "stringSetValue", ports);
    }

    /** A container instance like the DescribeContainerInstances example, on an ECS-optimized AMI. */
    static Map<String, Object> containerInstance(String id, String ec2Id, String status, String ami, int remainingCpu,
                                                 int remainingMemory, List<String> reservedPorts, int running,
                                                 int pending) {
        List<Map<String, Object>> attributes = new ArrayList<>(List.of(
                map("name", "com.amazonaws.ecs.capability.privileged-container"),
                map("name", "com.amazonaws.ecs.capability.docker-remote-api.1.17"),
                map("name", "ecs.instance-type", "value", "m5.large"),
                map("name", "ecs.availability-zone", "value", "us-east-1a")));
        if (ami != null) {
            attributes.add(map("name", "ecs.ami-id", "value", ami));
        }
        return map("containerInstanceArn", ciArn(id), "ec2InstanceId", ec2Id, "version", 12,
                "versionInfo", map("agentVersion", "1.89.2", "agentHash", "c6de4a5e",
                        "dockerVersion", "DockerVersion: 25.0.8"),
                "remainingResources", List.of(resource("CPU", remainingCpu), resource("MEMORY", remainingMemory),
                        ports("PORTS", reservedPorts), ports("PORTS_UDP", List.of())),
                "registeredResources", List.of(resource("CPU", 2048), resource("MEMORY", 7680),
                        ports("PORTS", List.of("22", "2375", "2376", "51678", "51679")),
                        ports("PORTS_UDP", List.of())),
                "status", status, "agentConnected", true, "runningTasksCount", running,
                "pendingTasksCount", pending, "attributes", attributes, "registeredAt", 1.7001E9);
    }

    static String describedInstances(List<Map<String, Object>> instances) {
        return json(map("containerInstances", instances, "failures", List.of()));
    }

    /** A replica service on the EC2 launch type with a completed primary deployment. */
    static Map<String, Object> service(String name, String taskDefinition, int desired, int running,
                                       List<Map<String, Object>> deployments) {
        return map("serviceArn", serviceArn(name), "serviceName", name,
                "clusterArn", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/" + CLUSTER,
                "loadBalancers", List.of(), "status", "ACTIVE", "desiredCount", desired, "runningCount", running,
                "pendingCount", 0, "launchType", "EC2", "taskDefinition", taskDefinition,
                "deploymentConfiguration", map("deploymentCircuitBreaker", map("enable", true, "rollback", true),
                        "maximumPercent", 200, "minimumHealthyPercent", 50),
                "deployments", deployments, "placementConstraints", List.of(),
                "placementStrategy", List.of(map("type", "spread", "field", "attribute:ecs.availability-zone")),
                "schedulingStrategy", "REPLICA", "createdAt", 1.7001E9);
    }

    static Map<String, Object> deployment(String status, String rolloutState, String taskDefinition) {
        return map("id", "ecs-svc/" + Math.abs((status + rolloutState + taskDefinition).hashCode()), "status", status,
                "taskDefinition", taskDefinition, "desiredCount", 2, "pendingCount", 0, "runningCount", 2,
                "failedTasks", 0, "createdAt", 1.7001E9, "updatedAt", 1.7002E9, "launchType", "EC2",
                "rolloutState", rolloutState, "rolloutStateReason", "ECS deployment ecs-svc/1 completed.");
    }

    static String describedServices(List<Map<String, Object>> services) {
        return json(map("services", services, "failures", List.of()));
    }

    /** A bridge-mode task definition; containers as given. */
    static String taskDefinition(String arn, String networkMode, String cpu, String memory,
                                 List<Map<String, Object>> containers) {
        return json(map("taskDefinition", map("taskDefinitionArn", arn, "family", arn.replaceAll(".*/|:\\d+$", ""),
                "revision", 3, "containerDefinitions", containers, "networkMode", networkMode, "status", "ACTIVE",
                "cpu", cpu, "memory", memory, "compatibilities", List.of("EC2"),
                "requiresCompatibilities", List.of("EC2"), "volumes", List.of(), "placementConstraints", List.of())));
    }

    static Map<String, Object> containerDefinition(String name, Integer cpu, Integer memory, Integer reservation,
                                                   List<Map<String, Object>> portMappings) {
        return map("name", name, "image", "public.ecr.aws/nginx/nginx:1.27", "cpu", cpu, "memory", memory,
                "memoryReservation", reservation, "portMappings", portMappings, "essential", true,
                "environment", List.of(), "mountPoints", List.of(), "volumesFrom", List.of());
    }

    static Map<String, Object> portMapping(int containerPort, int hostPort) {
        return map("containerPort", containerPort, "hostPort", hostPort, "protocol", "tcp");
    }

    /** A running task as DescribeTasks returns it. */
    static Map<String, Object> task(String id, String containerInstanceId, String group, String cpu, String memory,
                                    List<Map<String, Object>> containers) {
        return map("taskArn", taskArn(id), "clusterArn", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/" + CLUSTER,
                "taskDefinitionArn", taskDefArn("web:3"), "containerInstanceArn", ciArn(containerInstanceId),
                "lastStatus", "RUNNING", "desiredStatus", "RUNNING", "group", group, "cpu", cpu, "memory", memory,
                "launchType", "EC2", "containers", containers, "startedBy", "ecs-svc/1234567890123456789",
                "version", 3, "createdAt", 1.7001E9);
    }

    static Map<String, Object> taskContainer(String cpu, String memory, String reservation, List<Integer> hostPorts) {
        return map("containerArn", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":container/" + CLUSTER + "/c1",
                "name", "app", "lastStatus", "RUNNING", "cpu", cpu, "memory", memory, "memoryReservation", reservation,
                "networkBindings", hostPorts.stream().map(p -> map("bindIP", "0.0.0.0", "containerPort", 8080,
                        "hostPort", p, "protocol", "tcp")).toList());
    }

    static String describedTasks(List<Map<String, Object>> tasks) {
        return json(map("tasks", tasks, "failures", List.of()));
    }
    /** A cluster as DescribeClusters returns it, with its capacity providers. */
    static Map<String, Object> cluster(String name, List<String> capacityProviders) {
        return map("clusterArn", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/" + name, "clusterName", name,
                "status", "ACTIVE", "registeredContainerInstancesCount", 3, "runningTasksCount", 5,
                "pendingTasksCount", 0, "activeServicesCount", 2, "statistics", List.of(), "tags", List.of(),
                "settings", List.of(map("name", "containerInsights", "value", "disabled")),
                "capacityProviders", capacityProviders, "defaultCapacityProviderStrategy",
                capacityProviders.stream().map(cp -> map("capacityProvider", cp, "weight", 1, "base", 0)).toList());
    }

    /** An Auto Scaling group capacity provider; managedScaling null leaves it out. */
    static Map<String, Object> capacityProvider(String name, String groupArnOrName, String managedScaling,
                                                Integer targetCapacity, String terminationProtection,
                                                String draining) {
        return map("capacityProviderArn", "arn:aws:ecs:us-east-1:" + ACCOUNT + ":capacity-provider/" + name,
                "name", name, "status", "ACTIVE", "autoScalingGroupProvider", map(
                        "autoScalingGroupArn", groupArnOrName,
                        "managedScaling", managedScaling == null ? null : map("status", managedScaling,
                                "targetCapacity", targetCapacity, "minimumScalingStepSize", 1,
                                "maximumScalingStepSize", 10000, "instanceWarmupPeriod", 300),
                        "managedTerminationProtection", terminationProtection, "managedDraining", draining),
                "updateStatus", "UPDATE_COMPLETE", "tags", List.of());
    }
}
