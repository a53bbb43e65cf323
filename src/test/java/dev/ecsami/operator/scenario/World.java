package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.Overrides;
import dev.ecsami.operator.runtime.RetryPolicy;
import dev.ecsami.operator.runtime.RolloutCommands;
import dev.ecsami.operator.runtime.RolloutRunner;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;
import dev.ecsami.operator.store.InMemoryRolloutStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A simulated fleet with the operator wired to it, driven in virtual time. After every step it
 * checks the invariants a rollout must keep and records any violation.
 */
final class World {
    static final String CLUSTER = "prod";
    static final String GROUP = "prod-asg";
    static final String OLD_AMI = "ami-0000000000000a001";
    static final String NEW_AMI = "ami-0000000000000b002";
    static final String PARAMETER = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended";
    static final Duration STEP = Duration.ofSeconds(5);

    final SimClock clock = new SimClock(Instant.parse("2026-11-27T10:00:00Z"));
    final SimulatedAws aws = new SimulatedAws(clock, SimTimings.realistic());
    final List<String> violations = new ArrayList<>();
    final AtomicInteger ids = new AtomicInteger();
    RolloutStore store = new InMemoryRolloutStore();
    Function<FleetPorts, FleetPorts> portsWrapper = Function.identity();
    Target target;
    RolloutRunner runner;
    RolloutCommands commands;
    Notifier notifier = (rollout, events) -> { };
    final SharedGroupInvariants shared = new SharedGroupInvariants(this);
    /** The group as it was just before the first rollout started. */
    GroupState startGroup;
    Duration step = STEP;

    /** {@code instances} instances over three zones, running web, api and worker services. */
    static World fleetOf(int instances, RolloutPolicy policy) {
        return fleetOf(instances, List.of("us-east-1a", "us-east-1b", "us-east-1c"), policy);
    }

    /** {@code instances} instances over the zones, running web, api and worker services. */
    static World fleetOf(int instances, List<String> zones, RolloutPolicy policy) {
        World w = new World();
        w.aws.setup()
                .image(OLD_AMI, "al2023-ami-ecs-hvm-2023.0.20261001-kernel-6.1-x86_64", "x86_64")
                .image(NEW_AMI, "al2023-ami-ecs-hvm-2023.0.20261120-kernel-6.1-x86_64", "x86_64")
                .parameter(PARAMETER, NEW_AMI)
                .group(GROUP, CLUSTER, zones, instances, 1, instances + 2, OLD_AMI)
                .service(CLUSTER, "web", instances, 50, 200, 256, 512)
                .service(CLUSTER, "api", Math.max(2, instances / 2), 100, 200, 512, 1024)
                .service(CLUSTER, "worker", 3, 0, 100, 256, 256);
        w.target = new Target("prod", CLUSTER, GROUP, AmiSource.parse("amazon-linux-2023"), OnNewAmi.ROLL, policy);
        w.wire();
        return w;
    }

    static RolloutPolicy policy() {
        return RolloutPolicy.defaults().withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10));
    }

    /** (Re)builds the operator over the same world and store, as a restarted process would. */
    void wire() {
        SimulatedAws a = aws;
        FleetPorts ports = portsWrapper.apply(a.ports());
        runner = new RolloutRunner(clock, store, ports, (r, e) -> notifier.rolloutChanged(r, e),
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(40), 30));
        commands = new RolloutCommands(clock, store, ports, Map.of(target.name(), target), runner,
                (r, e) -> notifier.rolloutChanged(r, e), () -> "r" + ids.incrementAndGet());
    }

    Rollout start() {
        recordStart();
        return commands.start(target.name(), Optional.empty(), Overrides.none(),
                new Trigger(Trigger.Kind.HTTP, "test", ""), "test", false);
    }

    /** The group as the first rollout found it, which the shared-group invariants compare the end with. */
    void recordStart() {
        if (startGroup == null) {
            startGroup = aws.peekGroup(GROUP);
            shared.othersNetAtStart = aws.othersNet(GROUP);
        }
    }

    Rollout rollout(String id) {
        return store.find(id).orElseThrow();
    }

    /** Steps virtual time until the rollout leaves RUNNING, or the limit passes. */
    Rollout runUntilSettled(String id, Duration limit) {
        Instant end = clock.instant().plus(limit);
        while ((rollout(id).state() == RolloutState.RUNNING || rollout(id).windingDown())
                && clock.instant().isBefore(end)) {
            step();
        }
        return rollout(id);
    }

    /** The extremes of the group while a rollout ran. */
    record Extremes(int highestDesired, int lowestServing) {
    }

    /** Steps virtual time until the rollout leaves RUNNING, noting desired and serving capacity after each step. */
    Extremes runTrackingCapacity(String id) {
        int highest = 0;
        int lowest = Integer.MAX_VALUE;
        while (rollout(id).state() == RolloutState.RUNNING) {
            step();
            GroupState g = aws.peekGroup(GROUP);
            highest = Math.max(highest, g.desired());
            lowest = Math.min(lowest, new Observation(g, aws.peekCluster(CLUSTER)).servingCapacity());
        }
        return new Extremes(highest, lowest);
    }

    void step() {
        clock.advance(step);
        aws.advance();
        runner.tickDue();
        checkInvariants();
    }

    void runFor(Duration d) {
        Instant end = clock.instant().plus(d);
        while (clock.instant().isBefore(end)) {
            step();
        }
    }

    void checkInvariants() {
        GroupState g = aws.peekGroup(GROUP);
        Observation obs = new Observation(g, aws.peekCluster(CLUSTER));
        for (Rollout r : store.all()) {
            if (r.baseline() == null || !r.holdsGroup()) {
                continue;
            }
            long outOfService = r.steps().stream().filter(s -> s.phase().holdsSlot(r.policy())).count();
            if (outOfService > r.policy().maxInFlight()) {
                violations.add(clock.instant() + ": " + outOfService + " instances holding a drain slot, max in flight "
                        + r.policy().maxInFlight());
            }
            if (r.policy().surge() && r.state() == RolloutState.RUNNING && !shared.disruptiveActors
                    && obs.servingCapacity() < r.baseline().capacityFloor()
                    + Math.min(0, aws.othersNet(GROUP) - shared.othersNetAtStart)) {
                violations.add(clock.instant() + ": serving capacity " + obs.servingCapacity() + " below floor "
                        + r.baseline().capacityFloor());
            }
        }
        long draining = obs.cluster().instances().stream()
                .filter(ci -> ci.status() == ContainerInstance.Status.DRAINING)
                .filter(ci -> g.instance(ci.ec2InstanceId()).map(i -> !i.lifecycle().isLeaving()).orElse(false))
                .count();
        int maxInFlight = store.all().stream().filter(Rollout::holdsGroup)
                .mapToInt(r -> r.policy().maxInFlight()).max().orElse(0);
        if (draining > maxInFlight) {
            violations.add(clock.instant() + ": " + draining + " instances DRAINING, max in flight " + maxInFlight);
        }
        shared.check(g, obs, violations::add);
    }

    /** A short trace for a failure message: the last events, mutations and other actors' moves. */
    String trace(String rolloutId, int lines) {
        List<String> all = new ArrayList<>();
        rollout(rolloutId).events().forEach(e -> all.add(e.at() + " event " + e.type() + " " + e.instanceId() + " "
                + e.message()));
        aws.log().mutations().forEach(m -> all.add(m.at() + " mutation " + m.operation() + " " + m.detail()));
        aws.log().actors().forEach(a -> all.add(a.at() + " actor " + a.actor() + ": " + a.detail()));
        aws.log().terminations().forEach(t -> all.add(t.at() + " terminated " + t.instanceId() + " by " + t.cause()
                + " with " + t.serviceTasks() + " service tasks"));
        all.sort(java.util.Comparator.naturalOrder());
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** How many mutations of each operation the simulated AWS saw, by operation name. */
    Map<String, Long> mutationCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        aws.log().mutations().forEach(m -> counts.merge(m.operation(), 1L, Long::sum));
        return counts;
    }

    long mutations(String operation) {
        return aws.log().mutations().stream().filter(m -> m.operation().equals(operation)).count();
    }

    /** The AMIs of the instances that stay in the group (not those on their way out). */
    List<String> instanceAmis() {
        return aws.peekGroup(GROUP).instances().stream().filter(i -> !i.lifecycle().isLeaving())
                .map(i -> aws.setup().amiOf(i.instanceId())).toList();
    }

    long stepsIn(Rollout r, StepPhase phase) {
        return r.steps().stream().filter(s -> s.phase() == phase).count();
    }
}
