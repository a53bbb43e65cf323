package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.StepPhase;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/** What people (and triggers) do to rollouts: create, pause, resume, approve, abort, fail. Pure. */
public final class RolloutControl {
    private RolloutControl() {
    }

    /** A new rollout; RUNNING at once, or PLANNED when it waits for approval. */
    public static Rollout create(String id, Target target, AmiRef from, AmiRef to, Trigger trigger, RolloutPolicy policy,
                                 boolean awaitApproval, String actor, Instant now) {
        RolloutState state = awaitApproval ? RolloutState.PLANNED : RolloutState.RUNNING;
        RolloutEvent created = new RolloutEvent(now, RolloutEvent.Type.CREATED, "", "rollout of " + target.name()
                + " (cluster " + target.cluster() + ", group " + target.autoScalingGroup() + ") " + from + " -> " + to
                + ", triggered by " + trigger.describe() + (awaitApproval ? "; waiting for approval" : ""), actor);
        return new Rollout(id, target.name(), target.cluster(), target.autoScalingGroup(), from, to, trigger, state,
                awaitApproval ? "waiting for approval" : "", policy, null, null, List.of(), List.of(created), now, now,
                null, awaitApproval ? null : now, 0);
    }

    public static Rollout pause(Rollout r, String actor, String reason, Instant now) {
        if (r.state() != RolloutState.RUNNING && r.state() != RolloutState.PLANNED) {
            throw new IllegalTransition("pause", r.id(), r.state());
        }
        String why = reason == null || reason.isBlank() ? "paused by " + actor : reason;
        return r.toBuilder().state(RolloutState.PAUSED, why).nextCheckAt(null).updatedAt(now)
                .events(List.of(new RolloutEvent(now, RolloutEvent.Type.PAUSED, "", why, actor))).build();
    }

    /** Resumes a paused rollout; timeouts of the instances in flight count again from now. */
    public static Rollout resume(Rollout r, String actor, Instant now) {
        if (r.state() != RolloutState.PAUSED) {
            throw new IllegalTransition("resume", r.id(), r.state());
        }
        List<InstanceStep> steps = r.steps().stream()
                .map(s -> s.phase().isFinished() ? s : s.restartPhaseClock(now)).toList();
        Rollout.Builder b = r.toBuilder().state(RolloutState.RUNNING, "").steps(steps).nextCheckAt(now)
                .updatedAt(now).events(List.of(new RolloutEvent(now, RolloutEvent.Type.RESUMED, "", "resumed", actor)));
        if (r.baseline() == null) {
            b.preflight(null);
        }
        return b.build();
    }

    public static Rollout approve(Rollout r, String actor, Instant now) {
        if (r.state() != RolloutState.PLANNED) {
            throw new IllegalTransition("approve", r.id(), r.state());
        }
        return r.toBuilder().state(RolloutState.RUNNING, "").nextCheckAt(now).updatedAt(now)
                .events(List.of(new RolloutEvent(now, RolloutEvent.Type.APPROVED, "", "approved", actor))).build();
    }

    /**
     * Stops for good. Instances the rollout set to DRAINING and has not terminated go back to
     * ACTIVE. Surge capacity is given back by terminating (with decrement) surplus instances on the
     * new AMI that run no task, never by lowering desired capacity and letting the group choose;
     * max size is restored as far as desired capacity allows. What cannot be given back safely is
     * recorded.
     */
    public static Decision abort(Rollout r, Observation observed, String actor, Instant now) {
        if (r.state().isFinal()) {
            throw new IllegalTransition("abort", r.id(), r.state());
        }
        List<Mutation> mutations = new ArrayList<>();
        List<RolloutEvent> events = new ArrayList<>();
        Set<String> reactivated = new HashSet<>();
        for (InstanceStep s : r.inFlight()) {
            if (s.phase() != StepPhase.DRAIN && s.phase() != StepPhase.WAIT_STEADY) {
                continue;
            }
            observed.containerInstance(s.instanceId())
                    .filter(ci -> ci.status() == ContainerInstance.Status.DRAINING)
                    .ifPresent(ci -> {
                        reactivated.add(s.instanceId());
                        mutations.add(new Mutation.SetInstanceState(r.cluster(), ci.arn(), s.instanceId(),
                                ContainerInstance.Status.ACTIVE));
                        events.add(new RolloutEvent(now, RolloutEvent.Type.REACTIVATED, s.instanceId(),
                                "set back to ACTIVE", actor));
                    });
        }
        if (r.baseline() != null) {
            int desired = observed.group().desired();
            for (ContainerInstance idle : idleNewInstances(r, observed, reactivated)) {
                if (desired <= r.baseline().desired()) {
                    break;
                }
                mutations.add(new Mutation.SetInstanceState(r.cluster(), idle.arn(), idle.ec2InstanceId(),
                        ContainerInstance.Status.DRAINING));
                mutations.add(new Mutation.Terminate(r.autoScalingGroup(), idle.ec2InstanceId(), true));
                events.add(new RolloutEvent(now, RolloutEvent.Type.TERMINATED, idle.ec2InstanceId(),
                        "surge instance with no task terminated to give the capacity back", actor));
                desired--;
            }
            int max = Math.max(r.baseline().max(), desired);
            if (observed.group().max() != max) {
                mutations.add(new Mutation.SetCapacity(r.autoScalingGroup(), desired, max));
            }
            events.add(new RolloutEvent(now, RolloutEvent.Type.CAPACITY_RESTORED, "", "desired capacity " + desired
                    + ", max size " + max + " (the rollout started at " + r.baseline().desired() + " / "
                    + r.baseline().max() + ")" + (desired > r.baseline().desired()
                    ? "; the surplus instances run tasks or are not serving yet, so they were left in place" : ""), actor));
        }
        events.add(new RolloutEvent(now, RolloutEvent.Type.ABORTED, "", "aborted by " + actor, actor));
        Rollout aborted = r.toBuilder().state(RolloutState.ABORTED, "aborted by " + actor).nextCheckAt(null)
                .finishedAt(now).updatedAt(now).events(events).build();
        return new Decision(aborted, mutations, events);
    }

    /** ACTIVE instances on the rollout's new AMI, InService, whose listed tasks are all daemons. */
    private static List<ContainerInstance> idleNewInstances(Rollout r, Observation observed, Set<String> skip) {
        return observed.cluster().instances().stream()
                .filter(ci -> ci.status() == ContainerInstance.Status.ACTIVE && ci.tasksKnown())
                .filter(ci -> ci.amiId().equals(r.toAmi().imageId()) && !skip.contains(ci.ec2InstanceId()))
                .filter(ci -> ci.blockingTasks() == 0)
                .filter(ci -> observed.group().instance(ci.ec2InstanceId())
                        .map(gi -> gi.lifecycle() == dev.ecsami.operator.core.fleet.Lifecycle.IN_SERVICE)
                        .orElse(false))
                .sorted(java.util.Comparator.comparing(ContainerInstance::ec2InstanceId).reversed())
                .toList();
    }

    /** Ends a rollout that cannot go on, e.g. its group does not exist. */
    public static Rollout fail(Rollout r, String reason, Instant now) {
        return r.toBuilder().state(RolloutState.FAILED, reason).nextCheckAt(null).finishedAt(now).updatedAt(now)
                .events(List.of(new RolloutEvent(now, RolloutEvent.Type.FAILED, "", reason, RolloutEvent.ENGINE)))
                .build();
    }

    /** Records an error from AWS without changing state; a caller decides whether to retry or pause. */
    public static Rollout recordError(Rollout r, String message, Instant retryAt, Instant now) {
        return r.toBuilder().nextCheckAt(retryAt).updatedAt(now)
                .events(List.of(new RolloutEvent(now, RolloutEvent.Type.AWS_ERROR, "", message, RolloutEvent.ENGINE)))
                .build();
    }
}
