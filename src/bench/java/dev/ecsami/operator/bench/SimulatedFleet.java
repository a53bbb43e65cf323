package dev.ecsami.operator.bench;

import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.runtime.Overrides;
import dev.ecsami.operator.runtime.RetryPolicy;
import dev.ecsami.operator.runtime.RolloutCommands;
import dev.ecsami.operator.runtime.RolloutRunner;
import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimPlacement;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;
import dev.ecsami.operator.store.InMemoryRolloutStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The scenario harness of the tests, for benchmarks: a simulated fleet of N instances over three
 * zones running web (N tasks, spread over zones), api (N/2, spread over instances, one per instance)
 * and worker (N/10, at least 3, binpacked on memory), with the operator wired to it and driven
 * in virtual time, either directly or through ports built over the world (the real AWS adapters
 * against a stub that plays it).
 */
final class SimulatedFleet {
    static final String CLUSTER = "prod";
    static final String GROUP = "prod-asg";
    static final String OLD_AMI = "ami-0000000000000a001";
    static final String NEW_AMI = "ami-0000000000000b002";
    static final String PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended";
    /** Each service's placement, by the suffix its task-moves figure carries. */
    static final Map<String, String> STRATEGIES = Map.of("web", "spread_az", "api", "spread_instance",
            "worker", "binpack");

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    final SimClock clock = new SimClock(Instant.parse("2026-11-27T10:00:00Z"));
    final SimulatedAws aws;
    final InMemoryRolloutStore store = new InMemoryRolloutStore();
    final RolloutRunner runner;
    final RolloutCommands commands;
    final Target target;
    final int instances;
    private int mutations;
    private int ticks;
    private long tickCpuNanos;

    SimulatedFleet(int instances, RolloutPolicy policy, SimTimings timings) {
        this(instances, policy, timings, a -> a.ports());
    }

    SimulatedFleet(int instances, RolloutPolicy policy, SimTimings timings, Function<SimulatedAws, FleetPorts> wiring) {
        this.instances = instances;
        this.aws = new SimulatedAws(clock, timings);
        aws.setup()
                .image(OLD_AMI, "al2023-ami-ecs-hvm-2023.0.20261001-kernel-6.1-x86_64", "x86_64")
                .image(NEW_AMI, "al2023-ami-ecs-hvm-2023.0.20261120-kernel-6.1-x86_64", "x86_64")
                .parameter(PARAMETER, NEW_AMI)
                .group(GROUP, CLUSTER, List.of("us-east-1a", "us-east-1b", "us-east-1c"), instances, 1,
                        instances + 2, OLD_AMI)
                .service(CLUSTER, "web", instances, 50, 200, 256, 512, Set.of(), false, SimPlacement.SPREAD_AZ)
                .service(CLUSTER, "api", Math.max(2, instances / 2), 100, 200, 512, 1024, Set.of(), true,
                        SimPlacement.SPREAD_INSTANCE)
                .service(CLUSTER, "worker", Math.max(3, instances / 10), 0, 100, 256, 256, Set.of(), false,
                        SimPlacement.BINPACK_MEMORY);
        target = new Target("bench", CLUSTER, GROUP, AmiSource.parse("amazon-linux-2023"), OnNewAmi.ROLL, policy);
        FleetPorts ports = wiring.apply(aws);
        runner = new RolloutRunner(clock, store, ports, (r, e) -> { },
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(40), 30));
        commands = new RolloutCommands(clock, store, ports, Map.of(target.name(), target), runner,
                (r, e) -> { }, () -> "r1");
    }

    Rollout start() {
        return commands.start(target.name(), Optional.empty(), Overrides.none(),
                new Trigger(Trigger.Kind.HTTP, "bench", ""), "bench", false);
    }

    Rollout rollout(String id) {
        return store.find(id).orElseThrow();
    }

    boolean running(String id) {
        return rollout(id).state() == RolloutState.RUNNING;
    }

    /**
     * Moves virtual time by one step; tells whether the operator mutated the world in it. Serving
     * capacity only falls through a mutation (drain, terminate, scale-in), so its minimum is seen
     * right after the steps that mutated.
     */
    boolean step(Duration step) {
        clock.advance(step);
        aws.advance();
        int before = mutations;
        // the runner's own test of which rollouts are due
        ticks += (int) store.active().stream().filter(r -> r.state() == RolloutState.RUNNING)
                .filter(r -> r.nextCheckAt() == null || !r.nextCheckAt().isAfter(clock.instant())).count();
        long cpu = THREADS.getCurrentThreadCpuTime();
        runner.tickDue();
        tickCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
        mutations = aws.log().mutations().size();
        return mutations != before;
    }

    /**
     * Steps until the rollout leaves RUNNING, calling back after each step that mutated the world;
     * throws unless it succeeded within a generous limit.
     */
    Rollout rollToSuccess(Rollout r, Duration step, Runnable afterMutation) {
        Instant limit = clock.instant().plus(Duration.ofSeconds(instances * 600L + 3600));
        while (running(r.id()) && clock.instant().isBefore(limit)) {
            if (step(step)) {
                afterMutation.run();
            }
        }
        Rollout done = rollout(r.id());
        if (done.state() != RolloutState.SUCCEEDED) {
            throw new IllegalStateException("rollout of " + instances + " (surge " + done.policy().surge()
                    + ") ended " + done.state() + ": " + done.reason());
        }
        return done;
    }

    /** CPU time of this thread spent in the runner's ticks (the operator's work and the simulator answering its calls). */
    long tickCpuNanos() {
        return tickCpuNanos;
    }

    /** Reconcile ticks the runner has carried out: one per running rollout that was due at a step. */
    int ticks() {
        return ticks;
    }

    Observation observe() {
        return new Observation(aws.peekGroup(GROUP), aws.peekCluster(CLUSTER));
    }

    /** Per strategy, tasks started since the fleet was set up per task its service runs: 1.0 when each moved once. */
    Map<String, Double> taskMovesPerTask() {
        Map<String, Integer> starts = aws.taskTimes().taskStarts();
        Map<String, Double> moves = new java.util.TreeMap<>();
        for (var service : aws.peekCluster(CLUSTER).services()) {
            String strategy = STRATEGIES.get(service.name());
            if (strategy != null) {
                moves.put(strategy, starts.getOrDefault(service.name(), 0) / (double) service.desired());
            }
        }
        return moves;
    }

    int servingCapacity() {
        return observe().servingCapacity();
    }
}
