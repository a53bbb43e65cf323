package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.fleet.GroupSurroundings.CapacityProvider;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AutoScalingGroupProvider;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersResponse;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ECS capacity provider of a cluster whose Auto Scaling group is the given one: DescribeClusters
 * names the cluster's capacity providers (Cluster.capacityProviders), DescribeCapacityProviders
 * describes them. Amazon ECS API Reference, DescribeCapacityProviders: up to 100 names per call,
 * maxResults between 1 and 10, the rest behind nextToken. A cluster that does not exist (reported
 * in failures as MISSING), or has no capacity provider, has none for the group.
 */
final class EcsCapacityProviders {
    /** DescribeCapacityProviders answers at most 10 a page. */
    static final int PAGE = 10;
    private static final String ENABLED = "ENABLED";
    /** The providers of AWS Fargate, which every cluster may list and no Auto Scaling group backs. */
    private static final Set<String> FARGATE = Set.of("FARGATE", "FARGATE_SPOT");

    private final EcsClient ecs;

    EcsCapacityProviders(EcsClient ecs) {
        this.ecs = ecs;
    }

    Optional<CapacityProvider> of(String group, String cluster) {
        List<String> names = AwsCalls.call("DescribeClusters", () -> ecs.describeClusters(r -> r.clusters(cluster)))
                .clusters().stream().flatMap(c -> c.capacityProviders().stream())
                .filter(n -> !FARGATE.contains(n)).toList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<software.amazon.awssdk.services.ecs.model.CapacityProvider> found = AwsCalls.allPages(
                "DescribeCapacityProviders", token -> ecs.describeCapacityProviders(r -> r.capacityProviders(names)
                        .maxResults(PAGE).nextToken(token)), DescribeCapacityProvidersResponse::capacityProviders,
                DescribeCapacityProvidersResponse::nextToken);
        return found.stream().filter(cp -> cp.autoScalingGroupProvider() != null
                        && names(group, cp.autoScalingGroupProvider().autoScalingGroupArn()))
                .findFirst().map(EcsCapacityProviders::capacityProvider);
    }

    /** The provider names the group by ARN (ending in autoScalingGroupName/NAME) or by its name alone. */
    static boolean names(String group, String arnOrName) {
        return arnOrName != null && (arnOrName.equals(group) || arnOrName.endsWith(":autoScalingGroupName/" + group));
    }

    private static CapacityProvider capacityProvider(software.amazon.awssdk.services.ecs.model.CapacityProvider cp) {
        AutoScalingGroupProvider p = cp.autoScalingGroupProvider();
        boolean managedScaling = p.managedScaling() != null && ENABLED.equals(p.managedScaling().statusAsString());
        int target = managedScaling && p.managedScaling().targetCapacity() != null
                ? p.managedScaling().targetCapacity() : 0;
        return new CapacityProvider(cp.name(), managedScaling, target,
                ENABLED.equals(p.managedTerminationProtectionAsString()), ENABLED.equals(p.managedDrainingAsString()));
    }
}
