package dev.ecsami.operator.aws;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The container instances registered in a cluster, described afresh on every read (status, agent,
 * resources), with their ARNs remembered in between ({@link ArnMemory}) so that a warm read costs
 * only ceil(N/100) DescribeContainerInstances. A read lists the cluster (ceil(N/100)
 * ListContainerInstances) when
 * <ul>
 *   <li>nothing is remembered for it, or the caller asks to (a pre-flight or plan read);</li>
 *   <li>the last listing is {@link #MAX_AGE} old: that finds instances registered outside the group;</li>
 *   <li>more than {@link #LOOK_UP_LIMIT} expected instances are unknown at once.</li>
 * </ul>
 * Fewer unknown expected instances (a booting replacement) are looked up with one
 * ListContainerInstances filtered by {@code ec2InstanceId}, at most once per
 * {@link #LOOK_UP_INTERVAL} per cluster. That is shorter than the 15 s default poll interval, so
 * every tick of a rollout looks its replacements up and sees one the first tick after it
 * registers, while reads in between (plan requests, other targets on the cluster) do not repeat
 * it; a replacement still booting costs one call a tick instead of a listing.
 *
 * <p>An instance that Describe reports MISSING or INACTIVE has been deregistered: it is left out
 * of the answer, as a listing would, and its ARN forgotten. Nothing else can have changed with it,
 * so no listing follows; should the EC2 instance register again, its new ARN is found like any
 * other unknown instance of the group.
 */
final class RegisteredInstances {
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration LOOK_UP_INTERVAL = Duration.ofSeconds(10);
    static final int LOOK_UP_LIMIT = 20;
    static final int DESCRIBE_BATCH = 100;
    private static final Pattern EC2_INSTANCE_ID = Pattern.compile("i-[0-9a-f]+");

    private final EcsClient ecs;
    private final Clock clock;
    private final ArnMemory memory = new ArnMemory(MAX_AGE, LOOK_UP_INTERVAL);

    RegisteredInstances(EcsClient ecs, Clock clock) {
        this.ecs = ecs;
        this.clock = clock;
    }

    /**
     * @param expected EC2 instance ids the caller expects to be registered
     * @param listAll  list the cluster whatever is remembered
     * @return the registered container instances, INACTIVE ones left out
     */
    List<ContainerInstance> describe(String cluster, Set<String> expected, boolean listAll) {
        Instant now = clock.instant();
        Optional<ArnMemory.Known> known = memory.known(cluster);
        Set<String> unknown = known.map(k -> k.unknown(expected)).orElse(Set.of()).stream()
                .filter(id -> EC2_INSTANCE_ID.matcher(id).matches()).collect(Collectors.toSet());
        ArnMemory.Step step = listAll ? ArnMemory.Step.LIST : memory.next(known, unknown, now);
        if (step == ArnMemory.Step.LOOK_UP && unknown.size() > LOOK_UP_LIMIT) {
            step = ArnMemory.Step.LIST;
        }
        List<String> arns = switch (step) {
            case LIST -> list(cluster, null);
            case LOOK_UP -> union(known.orElseThrow().arns(), list(cluster, filter(unknown)));
            case REUSE -> known.orElseThrow().arns();
        };
        List<ContainerInstance> registered = new ArrayList<>();
        for (List<String> batch : Batches.of(arns, DESCRIBE_BATCH)) {
            // failures are instances deregistered since they were listed: they are simply gone
            AwsCalls.call("DescribeContainerInstances",
                            () -> ecs.describeContainerInstances(r -> r.cluster(cluster).containerInstances(batch)))
                    .containerInstances().stream().filter(ci -> !"INACTIVE".equals(ci.status()))
                    .forEach(registered::add);
        }
        Map<String, String> keyByArn = new LinkedHashMap<>();
        registered.forEach(ci -> keyByArn.put(ci.containerInstanceArn(), ci.ec2InstanceId()));
        Instant listedAt = step == ArnMemory.Step.LIST ? now : known.orElseThrow().listedAt();
        Instant lookedUpAt = step == ArnMemory.Step.REUSE ? known.orElseThrow().lookedUpAt() : now;
        memory.remember(cluster, new ArnMemory.Known(keyByArn, listedAt, lookedUpAt));
        return registered;
    }

    /** The cluster query that finds the given instances: {@code ec2InstanceId in ['i-1', 'i-2']}. */
    static String filter(Set<String> ec2InstanceIds) {
        return ec2InstanceIds.stream().sorted().map(id -> "'" + id + "'")
                .collect(Collectors.joining(", ", "ec2InstanceId in [", "]"));
    }

    private List<String> list(String cluster, String filter) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListContainerInstancesResponse listed = AwsCalls.call("ListContainerInstances",
                    () -> ecs.listContainerInstances(r -> r.cluster(cluster).filter(filter).maxResults(100)
                            .nextToken(page)));
            arns.addAll(listed.containerInstanceArns());
            token = listed.nextToken();
        } while (token != null);
        return arns;
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
