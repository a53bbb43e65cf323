package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.drain.DrainRequest;
import dev.ecsami.operator.core.drain.LifecycleDrain;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.OnDrainTimeout;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.DrainStore;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.LifecycleActions;
import dev.ecsami.operator.aws.AutoScalingLifecycleActions;
import dev.ecsami.operator.awsstub.AwsStub;
import dev.ecsami.operator.awsstub.StubbedPorts;
import dev.ecsami.operator.runtime.DrainObserver;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.sim.SimClock;
import dev.ecsami.operator.sim.SimNotice;
import dev.ecsami.operator.sim.SimTimings;
import dev.ecsami.operator.sim.SimulatedAws;
import dev.ecsami.operator.store.InMemoryDrainStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A group with a terminating lifecycle hook and the drain runner reading the simulated AWS's
 * notifications, on a virtual clock: each step moves time, delivers what AWS sent and ticks.
 */
final class DrainWorld {
    static final String CLUSTER = "prod";
    static final String GROUP = "prod-asg";
    static final String HOOK = "ecs-ami-operator-drain";
    static final String AMI = "ami-0000000000000a001";
    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    final SimClock clock = new SimClock(START);
    final SimulatedAws aws = new SimulatedAws(clock, SimTimings.realistic());
    final Target target = new Target("prod", CLUSTER, GROUP, AmiSource.parse("amazon-linux-2023"), OnNewAmi.ROLL,
            RolloutPolicy.defaults());
    DrainStore store = new InMemoryDrainStore();
    LifecycleDrain.Settings settings = new LifecycleDrain.Settings(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofHours(1), OnDrainTimeout.FORCE);
    /** Notifications as delivered: a test may duplicate or drop them. */
    Function<List<SimNotice>, List<SimNotice>> delivery = n -> n;
    final List<DrainRunner.Accepted> accepted = new ArrayList<>();
    /** Told of every drain, as the metrics and Slack are in the application. */
    DrainObserver observer = DrainObserver.NONE;
    DrainRunner runner;
    private AwsStub stub;

    /** Three instances running web (4 tasks), with a hook of the given heartbeat timeout. */
    static DrainWorld withHook(Duration heartbeatTimeout) {
        DrainWorld w = new DrainWorld();
        w.aws.setup().image(AMI, "al2023-ami-ecs-hvm", "x86_64")
                .group(GROUP, CLUSTER, List.of("us-east-1a", "us-east-1b", "us-east-1c"), 3, 1, 5, AMI)
                .service(CLUSTER, "web", 4, 50, 200, 256, 512);
        if (heartbeatTimeout != null) {
            w.aws.actors().terminatingHook(GROUP, HOOK, heartbeatTimeout, "CONTINUE", null);
        }
        w.run(Duration.ofMinutes(5));
        w.wire();
        return w;
    }

    /** (Re)builds the runner over the same world and store, as a restarted process would. */
    void wire() {
        FleetPorts ports = stub == null ? aws.ports() : StubbedPorts.over(stub, aws);
        LifecycleActions actions = stub == null ? aws.lifecycleActions()
                : new AutoScalingLifecycleActions(stub.clients().autoScaling());
        runner = new DrainRunner(clock, store, ports, actions, Map.of(target.name(), target),
                new LifecycleDrain(settings), observer);
    }

    /** From now on the runner reaches AWS through the real adapters and the stub. */
    DrainWorld through(AwsStub awsStub) {
        this.stub = awsStub;
        wire();
        return this;
    }

    /** Moves time in 5 s steps, delivering notifications and ticking the runner (when wired). */
    void run(Duration d) {
        run(d, () -> { });
    }

    /** As {@link #run(Duration)}, calling {@code eachStep} after the notifications are delivered. */
    void run(Duration d, Runnable eachStep) {
        Instant until = clock.instant().plus(d);
        while (clock.instant().isBefore(until)) {
            clock.advance(Duration.ofSeconds(5));
            aws.advance();
            List<SimNotice> sent = aws.takeNotices();
            if (runner == null) {
                continue;
            }
            for (SimNotice n : delivery.apply(sent)) {
                accepted.add(runner.accept(request(n)));
            }
            eachStep.run();
            runner.tickDue();
        }
    }

    static DrainRequest request(SimNotice n) {
        return n.kind() == SimNotice.Kind.SPOT_WARNING
                ? new DrainRequest(DrainRecord.Reason.SPOT_INTERRUPTION, "", n.instanceId(), "", "")
                : new DrainRequest(DrainRecord.Reason.SCALE_IN, n.group(), n.instanceId(), n.hookName(), n.token());
    }

    /** Adds standalone tasks of {@code runFor} on every instance, so a drain lasts at least that long. */
    void slowTasksEverywhere(Duration runFor) {
        for (var i : aws.peekGroup(GROUP).instances()) {
            aws.setup().standaloneTask(CLUSTER, i.instanceId(), 128, 128, runFor);
        }
    }

    void scaleInAt(Instant at, int desired) {
        aws.actors().scheduledAction(GROUP, "scale-in", at, desired, null, null);
    }

    SimCallLog.TerminationRecord terminationOf(String instanceId) {
        return aws.log().terminations().stream().filter(t -> t.instanceId().equals(instanceId)).findFirst()
                .orElseThrow(() -> new AssertionError(instanceId + " was not terminated"));
    }

    List<SimCallLog.MutationRecord> mutations(String operation) {
        return aws.log().mutations().stream().filter(m -> m.operation().equals(operation)).toList();
    }

    boolean hookExpired() {
        return aws.log().actors().stream().anyMatch(a -> a.actor().equals("lifecycle-hook"));
    }
}
