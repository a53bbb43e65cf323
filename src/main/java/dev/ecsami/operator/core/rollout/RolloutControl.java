package dev.ecsami.operator.core.rollout;

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
                null, awaitApproval ? null : now, 0, List.of(), null, false);
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
     * Stops for good. Instances the rollout set to DRAINING to replace them go back to ACTIVE;
     * steps that give back capacity or even out zones go on in the wind-down. What it changed is then given back by the ticks that follow (the rollout is ABORTED
     * and winding down, see {@link WindDown}): surge capacity through the normal drain loop, never
     * terminated in the batch that drains it; max size; scale-in protection; suspended processes.
     */
    public static Decision abort(Rollout r, Observation observed, String actor, Instant now) {
        if (r.state().isFinal()) {
            throw new IllegalTransition("abort", r.id(), r.state());
        }
        List<Mutation> mutations = new ArrayList<>();
        List<RolloutEvent> events = new ArrayList<>();
        List<InstanceStep> steps = new ArrayList<>();
        for (InstanceStep s : r.steps()) {
            if (s.phase().isFinished() || s.extra()) {
                steps.add(s);
                continue;
            }
            steps.add(s.enter(StepPhase.SKIPPED, now));
            if (s.phase() != StepPhase.DRAIN && s.phase() != StepPhase.WAIT_STEADY) {
                continue;
            }
            Reactivate.ifDraining(observed, r.cluster(), s.instanceId()).ifPresent(m -> {
                mutations.add(m);
                events.add(new RolloutEvent(now, RolloutEvent.Type.REACTIVATED, s.instanceId(), "set back to ACTIVE",
                        actor));
            });
        }
        boolean owes = r.baseline() != null;
        events.add(new RolloutEvent(now, RolloutEvent.Type.ABORTED, "", "aborted by " + actor + (owes
                ? "; giving back surge capacity, max size, scale-in protection and suspended processes" : ""),
                actor));
        Rollout aborted = r.toBuilder().state(RolloutState.ABORTED, "aborted by " + actor).steps(steps)
                .windingDown(owes).nextCheckAt(owes ? now : null)
                .finishedAt(now).updatedAt(now).events(events).build();
        return new Decision(aborted, mutations, events);
    }

    /**
     * A rollback takes over from the rollout it rolls back, which is winding down: the new rollout
     * keeps its baseline and capacity ledger, so that it gives back, when it ends, what the first
     * one changed (processes, max size, protection, surge capacity).
     */
    public static Rollout inherit(Rollout next, Rollout ended, Instant now) {
        return next.toBuilder().baseline(ended.baseline()).ledger(ended.ledger()).updatedAt(now)
                .events(List.of(new RolloutEvent(now, RolloutEvent.Type.STARTED, "", "takes over from " + ended.id()
                        + " its baseline (desired " + ended.baseline().desired() + ", max " + ended.baseline().max()
                        + ", suspended " + ended.baseline().suspendedByOperator() + ") and what it gives back at the end",
                        RolloutEvent.ENGINE))).build();
    }

    /** The ended rollout hands what it still gives back to {@code successor}; instances it drains go back to ACTIVE. */
    public static Decision handOver(Rollout ended, Observation observed, String successor, String actor, Instant now) {
        List<Mutation> mutations = new ArrayList<>();
        List<InstanceStep> steps = new ArrayList<>();
        for (InstanceStep s : ended.steps()) {
            if (s.phase().isFinished()) {
                steps.add(s);
                continue;
            }
            steps.add(s.enter(StepPhase.SKIPPED, now));
            Reactivate.ifDraining(observed, ended.cluster(), s.instanceId()).ifPresent(mutations::add);
        }
        RolloutEvent event = new RolloutEvent(now, RolloutEvent.Type.CAPACITY_RESTORED, "", "handed what it gives "
                + "back to rollback " + successor, actor);
        Rollout handed = ended.toBuilder().steps(steps).windingDown(false).nextCheckAt(null).updatedAt(now)
                .events(List.of(event)).build();
        return new Decision(handed, mutations, List.of(event));
    }

    /** Ends a rollout that cannot go on, e.g. its group does not exist. */
    public static Rollout fail(Rollout r, String reason, Instant now) {
        boolean owes = r.baseline() != null;
        return r.toBuilder().state(RolloutState.FAILED, reason).windingDown(owes).nextCheckAt(owes ? now : null)
                .finishedAt(now).updatedAt(now)
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
