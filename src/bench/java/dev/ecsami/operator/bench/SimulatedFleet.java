package dev.ecsami.operator.bench;

import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.runtime.FleetPorts;
import dev.ecsami.operator.runtime.Overrides;
import dev.ecsami.operator.runtime.RetryPolicy;
import dev.ecsami.operator.runtime.RolloutCommands;
import dev.ecsami.operator.runtime.RolloutRunner;
import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;
import dev.ecsami.operator.store.InMemoryRolloutStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario harness of the tests, for benchmarks: a simulated fleet of N instances over three
 * zones running web (N tasks), api (N/2) and worker (3), with the operator wired to it and driven
 * in virtual time.
 */
final class SimulatedFleet {
    static final String CLUSTER = "prod";
    static final String GROUP = "prod-asg";
    static final String OLD_AMI = "ami-0000000000000a001";
    static final String NEW_AMI = "ami-0000000000000b002";
    static final String PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended";

    final SimClock clock = new SimClock(Instant.parse("2026-11-27T10:00:00Z"));
    final SimulatedAws aws;
    final InMemoryRolloutStore store = new InMemoryRolloutStore();
    final RolloutRunner runner;
    final RolloutCommands commands;
    final Target target;
    final int instances;
    private int mutations;

    SimulatedFleet(int instances, RolloutPolicy policy, SimTimings timings) {
        this.instances = instances;
        this.aws = new SimulatedAws(clock, timings);
        aws.setup()
                .image(OLD_AMI, "al2023-ami-ecs-hvm-2023.0.20261001-kernel-6.1-x86_64", "x86_64")
                .image(NEW_AMI, "al2023-ami-ecs-hvm-2023.0.20261120-kernel-6.1-x86_64", "x86_64")
                .parameter(PARAMETER, NEW_AMI)
                .group(GROUP, CLUSTER, List.of("us-east-1a", "us-east-1b", "us-east-1c"), instances, 1,
                        instances + 2, OLD_AMI)
                .service(CLUSTER, "web", instances, 50, 200, 256, 512)
                .service(CLUSTER, "api", Math.max(2, instances / 2), 100, 200, 512, 1024)
                .service(CLUSTER, "worker", 3, 0, 100, 256, 256);
        target = new Target("bench", CLUSTER, GROUP, AmiSource.parse("amazon-linux-2023"), OnNewAmi.ROLL, policy);
        FleetPorts ports = new FleetPorts(aws.fleet(), aws.containerInstances(), aws.launchSpecs(), aws.amiCatalog());
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
        runner.tickDue();
        mutations = aws.log().mutations().size();
        return mutations != before;
    }

    Observation observe() {
        return new Observation(aws.peekGroup(GROUP), aws.peekCluster(CLUSTER));
    }

    int servingCapacity() {
        return observe().servingCapacity();
    }
}
