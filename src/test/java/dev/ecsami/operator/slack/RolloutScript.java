package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.Baseline;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.core.rollout.RolloutControl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A rollout moved along the way the engine moves one, with the same event texts; each step returns
 * the rollout after it and the events it added, as the engine hands them to a notifier.
 */
final class RolloutScript {

    /** A rollout as it is after a step, with the events the step added. */
    record Change(Rollout rollout, List<RolloutEvent> events) {
        void tell(Notifier notifier) {
            notifier.rolloutChanged(rollout, events);
        }
    }

    static final Instant T0 = Instant.parse("2024-06-13T10:00:00Z");
    static final AmiRef OLD = new AmiRef("ami-0123456789abcdef0", "al2023-ami-ecs-hvm-2023.0.20240501-kernel-6.1-x86_64");
    static final AmiRef NEW = new AmiRef("ami-0fedcba9876543210", "al2023-ami-ecs-hvm-2023.0.20240611-kernel-6.1-x86_64");
    static final Trigger SNS = new Trigger(Trigger.Kind.SNS, "4f1c2a9e", "ECS-optimized AMI release 2023.0.20240611");

    private final int total;
    private Rollout rollout;

    private RolloutScript(Rollout created, int total) {
        this.rollout = created;
        this.total = total;
    }

    static Target target(RolloutPolicy policy) {
        return new Target("web", "prod", "prod-web-asg", AmiSource.parse("amazon-linux-2023"), OnNewAmi.ROLL, policy);
    }

    static RolloutScript of(int instances) {
        return of(instances, RolloutPolicy.defaults(), SNS, false);
    }

    static RolloutScript of(int instances, RolloutPolicy policy, Trigger trigger, boolean awaitApproval) {
        Rollout r = RolloutControl.create("r-20240613-web", target(policy), OLD, NEW, trigger, policy, awaitApproval,
                "alice", T0);
        return new RolloutScript(r, instances);
    }

    Rollout rollout() {
        return rollout;
    }

    /** The rollout as created, with all its events: what a notifier sees first. */
    Change created() {
        return new Change(rollout, rollout.events());
    }

    Change start(Instant at) {
        return apply(rollout.toBuilder().baseline(new Baseline(total, total, total + 1, total)).toReplace(total)
                        .updatedAt(at),
                List.of(event(at, RolloutEvent.Type.STARTED, "", total + " of " + total + " instances to replace, "
                        + OLD + " -> " + NEW + "; desired " + total + ", max " + (total + 1) + ", " + total + " serving")));
    }

    Change startInstance(String id, Instant at) {
        List<InstanceStep> steps = new ArrayList<>(rollout.steps());
        steps.add(InstanceStep.start(id, "eu-west-1a", "arn:aws:ecs:eu-west-1:1:container-instance/" + id,
                StepPhase.LAUNCH_REPLACEMENT, at));
        return apply(rollout.toBuilder().steps(steps).updatedAt(at), List.of(event(at,
                RolloutEvent.Type.INSTANCE_STARTED, id, "replacing " + id + " in eu-west-1a (" + steps.size()
                        + " of " + total + ")")));
    }

    Change drain(String id, Instant at) {
        return apply(step(id, rollout.step(id).orElseThrow().enter(StepPhase.DRAIN, at), at),
                List.of(event(at, RolloutEvent.Type.DRAIN_STARTED, id, "set DRAINING with 4 running tasks")));
    }

    /** Drained at {@code drained}, replaced at {@code at}. */
    Change finish(String id, Instant drained, Instant at) {
        InstanceStep s = rollout.step(id).orElseThrow().enter(StepPhase.WAIT_STEADY, drained)
                .enter(StepPhase.TERMINATE, at).enter(StepPhase.BAKE, at).enter(StepPhase.DONE, at);
        return apply(step(id, s, at), List.of(
                event(drained, RolloutEvent.Type.DRAINED, id, "no service or standalone task left"),
                event(at, RolloutEvent.Type.TERMINATED, id, "terminated"),
                event(at, RolloutEvent.Type.INSTANCE_DONE, id, "replaced in "
                        + dev.ecsami.operator.core.rollout.DurationText.of(java.time.Duration.between(s.startedAt(), at)))));
    }

    Change force(String id, Instant at) {
        InstanceStep s = rollout.step(id).orElseThrow().markForced().enter(StepPhase.TERMINATE, at)
                .enter(StepPhase.BAKE, at).enter(StepPhase.DONE, at);
        return apply(step(id, s, at), List.of(
                event(at, RolloutEvent.Type.FORCED, id, "drain timed out after 30m 00s with 1 service and 0 "
                        + "standalone tasks; terminating anyway"),
                event(at, RolloutEvent.Type.INSTANCE_DONE, id, "replaced in 31m 00s")));
    }

    Change skip(String id, Instant at) {
        return apply(step(id, rollout.step(id).orElseThrow().enter(StepPhase.SKIPPED, at), at),
                List.of(event(at, RolloutEvent.Type.INSTANCE_SKIPPED, id, "gone before it was drained")));
    }

    Change pause(String reason, Instant at) {
        return apply(rollout.toBuilder().state(RolloutState.PAUSED, reason).updatedAt(at),
                List.of(event(at, RolloutEvent.Type.PAUSED, "", reason)));
    }

    Change resume(Instant at) {
        Rollout before = rollout;
        rollout = RolloutControl.resume(rollout, "bob", at);
        return new Change(rollout, rollout.events().subList(before.events().size(), rollout.events().size()));
    }

    Change succeed(Instant at) {
        return apply(rollout.toBuilder().state(RolloutState.SUCCEEDED, "").finishedAt(at).updatedAt(at),
                List.of(event(at, RolloutEvent.Type.SUCCEEDED, "", "done")));
    }

    Change fail(String reason, Instant at) {
        Rollout before = rollout;
        rollout = RolloutControl.fail(rollout, reason, at);
        return new Change(rollout, rollout.events().subList(before.events().size(), rollout.events().size()));
    }

    private Rollout.Builder step(String id, InstanceStep updated, Instant at) {
        List<InstanceStep> steps = rollout.steps().stream().map(s -> s.instanceId().equals(id) ? updated : s).toList();
        return rollout.toBuilder().steps(steps).updatedAt(at);
    }

    private Change apply(Rollout.Builder next, List<RolloutEvent> events) {
        rollout = next.events(events).build();
        return new Change(rollout, events);
    }

    private static RolloutEvent event(Instant at, RolloutEvent.Type type, String instanceId, String message) {
        return new RolloutEvent(at, type, instanceId, message, RolloutEvent.ENGINE);
    }
}
