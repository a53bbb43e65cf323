package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.fleet.ServiceState;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentRolloutState;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The services of a cluster: DescribeServices (10 a call) every read, ListServices (100 a page)
 * only when no ARNs are remembered for the cluster, when they were listed {@link #MAX_AGE} ago
 * (that finds services created since), when the caller asks to, or after Describe reported a
 * service MISSING or INACTIVE (deleted, perhaps re-created). Task definitions are cached.
 */
final class EcsServices {
    static final int DESCRIBE_BATCH = 10;
    static final Duration MAX_AGE = Duration.ofMinutes(2);

    private final EcsClient ecs;
    private final TaskDefinitionNeeds needs;
    private final Clock clock;
    private final ArnMemory memory = new ArnMemory(MAX_AGE);

    EcsServices(EcsClient ecs, TaskDefinitionNeeds needs, Clock clock) {
        this.ecs = ecs;
        this.needs = needs;
        this.clock = clock;
    }

    /** @param listAll list the cluster's services whatever is remembered */
    List<ServiceState> read(String cluster, boolean listAll) {
        Instant now = clock.instant();
        Optional<ArnMemory.Known> known = memory.known(cluster);
        boolean list = listAll || memory.next(known, Set.of(), now) == ArnMemory.Step.LIST;
        List<String> arns = list ? list(cluster) : known.orElseThrow().arns();

        List<ServiceState> services = new ArrayList<>();
        Map<String, String> nameByArn = new LinkedHashMap<>();
        boolean gone = false;
        for (List<String> batch : Batches.of(arns, DESCRIBE_BATCH)) {
            DescribeServicesResponse described = AwsCalls.call("DescribeServices",
                    () -> ecs.describeServices(r -> r.cluster(cluster).services(batch)));
            gone |= !described.failures().isEmpty();
            for (Service s : described.services()) {
                gone |= "INACTIVE".equals(s.status());
                nameByArn.put(s.serviceArn(), s.serviceName());
                if (!"INACTIVE".equals(s.status()) && !runsOnFargate(s)) {
                    services.add(state(s));
                }
            }
        }
        if (gone) {
            memory.forget(cluster);
        } else {
            Instant listedAt = list ? now : known.orElseThrow().listedAt();
            memory.remember(cluster, new ArnMemory.Known(nameByArn, listedAt, listedAt));
        }
        return services;
    }

    private List<String> list(String cluster) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListServicesResponse listed = AwsCalls.call("ListServices",
                    () -> ecs.listServices(r -> r.cluster(cluster).maxResults(100).nextToken(page)));
            arns.addAll(listed.serviceArns());
            token = listed.nextToken();
        } while (token != null);
        return arns;
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
