package dev.ecsami.operator.awsstub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupSurroundings.CapacityProvider;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.sim.SimulatedAws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ECS DescribeClusters and DescribeCapacityProviders over the simulation. A seen group's capacity
 * provider (from the simulation's surroundings) belongs to the cluster its instances are registered
 * in; its autoScalingGroupArn is the group's ARN as DescribeAutoScalingGroups shows it.
 */
final class EcsCapacityApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:";
    /** DescribeCapacityProviders answers at most 10 a page. */
    private static final int PAGE = 10;

    private record Provided(String group, CapacityProvider provider) {
    }

    private final SimulatedAws aws;
    private final SeenGroups seen;

    EcsCapacityApi(SimulatedAws aws, SeenGroups seen) {
        this.aws = aws;
        this.seen = seen;
    }

    /** Each cluster read once through the simulation; one it does not know comes back as a MISSING failure. */
    ObjectNode describeClusters(JsonNode request) {
        ObjectNode reply = JSON.createObjectNode();
        ArrayNode clusters = reply.putArray("clusters");
        ArrayNode failures = reply.putArray("failures");
        List<String> names = new ArrayList<>();
        request.path("clusters").forEach(c -> names.add(EcsApi.lastPart(c.asText())));
        for (String name : names.isEmpty() ? List.of("default") : names) {
            ClusterState cluster;
            try {
                cluster = aws.containerInstances().describe(name, TaskDetail.NONE, Set.of());
            } catch (ExternalCallFailed e) {
                if (!"NotFound".equals(e.code())) {
                    throw e;
                }
                failures.addObject().put("arn", ARN + "cluster/" + name).put("reason", "MISSING");
                continue;
            }
            ObjectNode c = clusters.addObject().put("clusterArn", ARN + "cluster/" + name).put("clusterName", name)
                    .put("status", "ACTIVE").put("registeredContainerInstancesCount", cluster.instances().size());
            ArrayNode providers = c.putArray("capacityProviders");
            providedIn(cluster).forEach(p -> providers.add(p.provider().name()));
            c.putArray("defaultCapacityProviderStrategy");
        }
        return reply;
    }

    /** The named providers (all seen ones when none is named), read again from the simulation. */
    ObjectNode describeCapacityProviders(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("capacityProviders").forEach(n -> names.add(EcsApi.lastPart(n.asText())));
        Map<String, Provided> byName = new LinkedHashMap<>();
        for (Provided p : provided()) {
            if (names.isEmpty() || names.contains(p.provider().name())) {
                seen.read(p.group()).capacityProvider()
                        .ifPresent(fresh -> byName.put(fresh.name(), new Provided(p.group(), fresh)));
            }
        }
        ObjectNode reply = JSON.createObjectNode();
        List<Provided> found = names.isEmpty() ? List.copyOf(byName.values())
                : names.stream().filter(byName::containsKey).map(byName::get).toList();
        Query.Page<Provided> page = Query.page(found, request.path("nextToken").asText(null),
                request.path("maxResults").asInt(PAGE));
        ArrayNode providers = reply.putArray("capacityProviders");
        page.items().forEach(p -> providers.add(provider(p)));
        ArrayNode failures = reply.putArray("failures");
        names.stream().filter(n -> !byName.containsKey(n) && !n.startsWith("FARGATE"))
                .forEach(n -> failures.addObject().put("arn", ARN + "capacity-provider/" + n).put("reason", "MISSING"));
        if (page.nextToken() != null) {
            reply.put("nextToken", page.nextToken());
        }
        return reply;
    }

    private List<Provided> provided() {
        List<Provided> all = new ArrayList<>();
        seen.lastRead().forEach((group, around) -> around.capacityProvider()
                .ifPresent(cp -> all.add(new Provided(group, cp))));
        return all;
    }

    private List<Provided> providedIn(ClusterState cluster) {
        Set<String> registered = cluster.instances().stream().map(ContainerInstance::ec2InstanceId)
                .collect(Collectors.toSet());
        return provided().stream().filter(p -> aws.peekGroup(p.group()).instances().stream()
                .map(GroupInstance::instanceId).anyMatch(registered::contains)).toList();
    }

    private static ObjectNode provider(Provided p) {
        CapacityProvider cp = p.provider();
        ObjectNode n = JSON.createObjectNode().put("capacityProviderArn", ARN + "capacity-provider/" + cp.name())
                .put("name", cp.name()).put("status", "ACTIVE").put("updateStatus", "UPDATE_COMPLETE");
        ObjectNode asg = n.putObject("autoScalingGroupProvider")
                .put("autoScalingGroupArn", ScalingNeighboursApi.groupArn(p.group()))
                .put("managedTerminationProtection", cp.managedTerminationProtection() ? "ENABLED" : "DISABLED")
                .put("managedDraining", cp.managedDraining() ? "ENABLED" : "DISABLED");
        ObjectNode scaling = asg.putObject("managedScaling").put("status", cp.managedScaling() ? "ENABLED" : "DISABLED")
                .put("minimumScalingStepSize", 1).put("maximumScalingStepSize", 10000).put("instanceWarmupPeriod", 300);
        if (cp.managedScaling()) {
            scaling.put("targetCapacity", cp.targetCapacityPercent());
        }
        return n;
    }
}
