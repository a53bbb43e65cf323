package dev.ecsami.operator.bench;

import dev.ecsami.operator.aws.ReadsPerTickBench;
import dev.ecsami.operator.metrics.MeteredPorts;
import dev.ecsami.operator.sim.SimTimings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Figure 6: cost at scale. 50 targets of 1000 instances each roll out at the defaults at the same
 * time on the simulated AWS, every call going through {@link MeteredPorts}, for a window of
 * virtual minutes from the start commands. Reports AWS requests per minute per throttling family
 * beside the documented default rates, the CPU time of a reconcile tick and the heap.
 *
 * <p>The ports count one call per port operation; a port read of a 1000-instance cluster is
 * several AWS requests (pages and batches of 100). Each port read is therefore expanded by the
 * requests the real adapters make for one warm tick of a 1000-instance fleet with the same three
 * services ({@link ReadsPerTickBench}, through the SDK against a stub): its ECS requests per
 * cluster read, its Auto Scaling and EC2 requests per group read. Writes are one request each.
 */
final class CostAtScaleBench {
    static final int TARGETS = 50;
    static final int INSTANCES = 1000;
    static final int MINUTES = Integer.getInteger("bench.costMinutes", 10);
    private static final Set<String> ECS_READS = Set.of("DescribeContainerInstances", "ListContainerInstances",
            "ListTasks", "DescribeTasks", "DescribeServices", "ListServices", "DescribeTaskDefinition",
            "DescribeCapacityProviders");

    /** A documented throttling bucket: which AWS operations share it, and its sustained rate per second. */
    record Family(String key, String name, Set<String> operations, double sustainedPerS, double burst) {
        String limit() {
            return sustainedPerS > 0 ? String.format(java.util.Locale.ROOT, "%.0f/min (%.0f/s, burst %.0f)",
                    sustainedPerS * 60, sustainedPerS, burst) : "no number documented";
        }
    }

    static final List<Family> FAMILIES = List.of(
            new Family("ecs_cluster_resource_read", "ECS cluster resource read", Set.of("DescribeContainerInstances",
                    "ListContainerInstances", "ListTasks", "DescribeTasks"), 20, 100),
            new Family("ecs_service_read", "ECS service read", Set.of("DescribeServices", "ListServices"), 20, 100),
            new Family("ecs_task_definition_read", "ECS task definition read", Set.of("DescribeTaskDefinition"), 20, 50),
            new Family("ecs_capacity_provider_read", "ECS capacity provider read", Set.of("DescribeCapacityProviders"),
                    20, 50),
            new Family("ecs_cluster_resource_modify", "ECS cluster resource modify",
                    Set.of("UpdateContainerInstancesState"), 40, 100),
            new Family("autoscaling", "EC2 Auto Scaling (one shared bucket)", Set.of("DescribeAutoScalingGroups",
                    "DescribePolicies", "DescribeScheduledActions", "DescribeLifecycleHooks",
                    "TerminateInstanceInAutoScalingGroup", "UpdateAutoScalingGroup", "SuspendProcesses",
                    "ResumeProcesses", "SetInstanceProtection", "CompleteLifecycleAction",
                    "RecordLifecycleActionHeartbeat"), 0, 0),
            new Family("ec2_read", "EC2 non-mutating", Set.of("DescribeInstances", "DescribeImages",
                    "DescribeLaunchTemplateVersions"), 20, 100));

    /** Port operations that are one AWS request each, by the AWS operation they are. */
    private static final Map<String, String> WRITES = Map.of("UpdateContainerInstancesState",
            "UpdateContainerInstancesState", "TerminateInstance", "TerminateInstanceInAutoScalingGroup",
            "SetCapacity", "UpdateAutoScalingGroup", "SuspendProcesses", "SuspendProcesses", "ResumeProcesses",
            "ResumeProcesses", "SetInstanceProtection", "SetInstanceProtection");
    /** The Auto Scaling requests of one neighbours read (one page each for a group with few of them). */
    private static final List<String> NEIGHBOURS = List.of("DescribePolicies", "DescribeScheduledActions",
            "DescribeLifecycleHooks", "DescribeAutoScalingGroups", "DescribeCapacityProviders");

    private CostAtScaleBench() {
    }

    static void measure(Figures figures) {
        String key = "_n" + TARGETS + "x" + INSTANCES;
        Figures.print("== 6. Cost at scale: %d targets x %d instances rolling out at the defaults, %d virtual minutes "
                + "from the start commands, calls counted through MeteredPorts ==", TARGETS, INSTANCES, MINUTES);
        long wallStart = System.nanoTime();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<SimulatedFleet> fleets = new ArrayList<>();
        for (int t = 0; t < TARGETS; t++) {
            fleets.add(new SimulatedFleet(INSTANCES, MakespanBench.defaults(), SimTimings.realistic(),
                    aws -> new MeteredPorts(registry).wrap(aws.ports())));
        }
        double simOnlyMib = heapUsedMib();
        fleets.forEach(SimulatedFleet::start);
        Map<String, Double> atStart = counts(registry);
        List<Map<String, Double>> perMinute = new ArrayList<>();
        Map<String, Double> previous = atStart;
        int stepsPerMinute = (int) (60 / MakespanBench.STEP.toSeconds());
        for (int minute = 0; minute < MINUTES; minute++) {
            for (int s = 0; s < stepsPerMinute; s++) {
                fleets.forEach(f -> f.step(MakespanBench.STEP));
            }
            Map<String, Double> now = counts(registry);
            perMinute.add(minus(now, previous));
            previous = now;
        }
        double allMib = heapUsedMib();
        long ticks = fleets.stream().mapToLong(SimulatedFleet::ticks).sum();
        double cpuMs = fleets.stream().mapToLong(SimulatedFleet::tickCpuNanos).sum() / 1e6;
        Map<String, Integer> warm = ReadsPerTickBench.warmTick(INSTANCES, 3, true);
        List<Map<String, Double>> awsPerMinute = perMinute.stream().map(m -> toAws(m, warm)).toList();
        Figures.print("   port calls of the start commands (not in the rates): %s", atStart);
        Figures.print("   AWS requests of one warm tick at N = %d, S = 3 (real adapters through the SDK): %s", INSTANCES,
                warm);
        Figures.print("   %-38s %12s %12s   %s", "family / operation", "mean_per_min", "peak_per_min",
                "documented default (sustained)");
        for (Family family : FAMILIES) {
            double mean = awsPerMinute.stream().mapToDouble(m -> sum(m, family.operations())).average().orElse(0);
            double peak = awsPerMinute.stream().mapToDouble(m -> sum(m, family.operations())).max().orElse(0);
            Figures.print("   %-38s %12.0f %12.0f   %s%s", family.name(), mean, peak, family.limit(),
                    family.sustainedPerS() > 0 && peak > family.sustainedPerS() * 60 ? "  EXCEEDED" : "");
            for (String op : awsPerMinute.stream().flatMap(m -> m.keySet().stream())
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new))) {
                if (family.operations().contains(op)) {
                    Figures.print("     %-36s %12.0f %12.0f", op,
                            awsPerMinute.stream().mapToDouble(m -> m.getOrDefault(op, 0.0)).average().orElse(0),
                            awsPerMinute.stream().mapToDouble(m -> m.getOrDefault(op, 0.0)).max().orElse(0));
                }
            }
            figures.put("calls_per_min_" + family.key() + key, mean);
            figures.put("calls_per_min_peak_" + family.key() + key, peak);
        }
        Figures.print("   ticks %d (%.1f per minute), CPU %.3f ms per tick of one target (thread CPU of the runner's "
                + "tick, the simulator answering its reads included); heap used %.0f MiB with the %d simulated "
                + "fleets alone, %.0f MiB with the operator running; wall %d ms", ticks, ticks / (double) MINUTES,
                cpuMs / ticks, simOnlyMib, TARGETS, allMib, (System.nanoTime() - wallStart) / 1_000_000);
        Family clusterReads = FAMILIES.get(0);
        double readsPerTick = sum(warm.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().doubleValue())), clusterReads.operations());
        double ticksAllowed = clusterReads.sustainedPerS() * 60 / readsPerTick;
        Figures.print("   %s: %.0f requests per tick of a %d-instance target, so the account's sustained rate allows "
                + "%.0f ticks a minute over all targets: %.1f per target for %d targets, against %.1f measured "
                + "(poll interval and quick looks at the defaults)", clusterReads.name(), readsPerTick, INSTANCES,
                ticksAllowed, ticksAllowed / TARGETS, TARGETS, ticks / (double) MINUTES / TARGETS);
        figures.put("cluster_resource_reads_per_tick_n" + INSTANCES, readsPerTick);
        figures.put("ticks_per_min" + key, ticks / (double) MINUTES);
        figures.put("cpu_ms_per_tick" + key, cpuMs / ticks);
        figures.put("cpu_ms_per_min" + key, cpuMs / MINUTES);
        figures.put("heap_mib" + key, allMib);
        figures.put("heap_mib_sim_only" + key, simOnlyMib);
    }

    /** AWS requests of one minute, from the port calls of that minute. */
    static Map<String, Double> toAws(Map<String, Double> ports, Map<String, Integer> warm) {
        Map<String, Double> aws = new TreeMap<>();
        double clusterReads = ports.getOrDefault("DescribeCluster", 0.0);
        double groupReads = ports.getOrDefault("DescribeGroup", 0.0);
        warm.forEach((op, n) -> aws.merge(op, n * (ECS_READS.contains(op) ? clusterReads : groupReads), Double::sum));
        NEIGHBOURS.forEach(op -> aws.merge(op, ports.getOrDefault("ReadNeighbours", 0.0), Double::sum));
        WRITES.forEach((port, op) -> aws.merge(op, ports.getOrDefault(port, 0.0), Double::sum));
        return aws;
    }

    private static double sum(Map<String, Double> calls, Set<String> operations) {
        return calls.entrySet().stream().filter(e -> operations.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    private static Map<String, Double> counts(SimpleMeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter c : registry.find("ecs_operator_aws_calls").counters()) {
            counts.merge(c.getId().getTag("operation"), c.count(), Double::sum);
        }
        return counts;
    }

    private static Map<String, Double> minus(Map<String, Double> now, Map<String, Double> before) {
        Map<String, Double> d = new TreeMap<>();
        now.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        return d;
    }

    private static double heapUsedMib() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
    }
}
