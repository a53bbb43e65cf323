package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.fleet.ServiceState;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;

import java.util.ArrayList;
import java.util.List;

/** The services of a cluster: ListServices (100 a page), DescribeServices (10 a call), task definitions cached. */
final class EcsServices {
    static final int DESCRIBE_BATCH = 10;

    private final EcsClient ecs;
    private final TaskDefinitionNeeds needs;

    EcsServices(EcsClient ecs, TaskDefinitionNeeds needs) {
        this.ecs = ecs;
        this.needs = needs;
    }

    List<ServiceState> read(String cluster) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListServicesResponse listed = AwsCalls.call("ListServices",
                    () -> ecs.listServices(r -> r.cluster(cluster).maxResults(100).nextToken(page)));
            arns.addAll(listed.serviceArns());
            token = listed.nextToken();
        } while (token != null);

        List<ServiceState> services = new ArrayList<>();
        for (List<String> batch : Batches.of(arns, DESCRIBE_BATCH)) {
            AwsCalls.call("DescribeServices", () -> ecs.describeServices(r -> r.cluster(cluster).services(batch)))
                    .services().stream()
                    .filter(s -> !"INACTIVE".equals(s.status()) && !runsOnFargate(s))
                    .map(this::state)
                    .forEach(services::add);
        }
        return services;
    }

    private ServiceState state(Service s) {
        boolean daemon = s.schedulingStrategy() == SchedulingStrategy.DAEMON;
        DeploymentConfiguration dc = s.deploymentConfiguration();
        int minHealthy = dc != null && dc.minimumHealthyPercent() != null ? dc.minimumHealthyPercent()
                : daemon ? 0 : 100;
        int maxPercent = dc != null && dc.maximumPercent() != null ? dc.maximumPercent() : daemon ? 100 : 200;
        boolean distinct = s.placementConstraints().stream().anyMatch(c -> "distinctInstance".equals(c.typeAsString()));
        // services with an EXTERNAL deployment controller may name no task definition
        TaskDefinitionNeeds.Need need = s.taskDefinition() == null ? TaskDefinitionNeeds.Need.NONE
                : needs.of(s.taskDefinition());
        return new ServiceState(s.serviceName(), nz(s.desiredCount()), nz(s.runningCount()), nz(s.pendingCount()),
                deploymentsInProgress(s), minHealthy, maxPercent, daemon, distinct, need.resources(),
                need.hostPorts());
    }

    /** Every deployment but a PRIMARY one whose rollout is not IN_PROGRESS counts as in progress. */
    static int deploymentsInProgress(Service s) {
        return (int) s.deployments().stream()
                .filter(d -> !"PRIMARY".equals(d.status()) || d.rolloutState() == DeploymentRolloutState.IN_PROGRESS)
                .count();
    }

    /** Fargate tasks never run on container instances, so a drain cannot affect them. */
    static boolean runsOnFargate(Service s) {
        if (s.launchType() == LaunchType.FARGATE) {
            return true;
        }
        List<CapacityProviderStrategyItem> strategy = s.capacityProviderStrategy();
        return !strategy.isEmpty() && strategy.stream().allMatch(i -> i.capacityProvider().startsWith("FARGATE"));
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}
