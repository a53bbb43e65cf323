package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.OnDrainTimeout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

import java.util.Optional;

/**
 * Set the container instance to DRAINING and wait until no service or standalone task is left
 * on it (daemon tasks do not count). On time-out: reactivate and pause, or force.
 */
final class Drain implements StepHandler {

    @Override
    public StepResult advance(InstanceStep step, Tick tick) {
        Optional<ContainerInstance> found = tick.containerInstance(step.instanceId());
        if (found.isEmpty() || found.get().status() == ContainerInstance.Status.INACTIVE) {
            tick.event(RolloutEvent.Type.DRAINED, step.instanceId(), "not registered in cluster " + tick.cluster()
                    + ": nothing to drain");
            return new StepResult.Advanced(step.enter(StepPhase.TERMINATE, tick.now));
        }
        ContainerInstance ci = found.get();
        if (ci.status() == ContainerInstance.Status.ACTIVE) {
            tick.mutate(new Mutation.SetInstanceState(tick.cluster(), ci.arn(), step.instanceId(),
                    ContainerInstance.Status.DRAINING));
            tick.event(RolloutEvent.Type.DRAIN_STARTED, step.instanceId(), "set DRAINING with "
                    + ci.runningTasks() + " running tasks");
            return new StepResult.Waiting(step);
        }
        if (ci.tasksKnown() && ci.blockingTasks() == 0) {
            tick.event(RolloutEvent.Type.DRAINED, step.instanceId(), "no service or standalone task left after "
                    + DurationText.of(java.time.Duration.between(step.phaseSince(), tick.now)));
            return new StepResult.Advanced(step.enter(StepPhase.WAIT_STEADY, tick.now));
        }
        if (!tick.elapsed(step.phaseSince(), tick.policy().drainTimeout())) {
            return new StepResult.Waiting(step);
        }
        String left = ci.serviceTasks() + " service and " + ci.standaloneTasks() + " standalone tasks";
        if (tick.policy().onDrainTimeout() == OnDrainTimeout.FORCE) {
            tick.event(RolloutEvent.Type.FORCED, step.instanceId(), "drain timed out after "
                    + DurationText.of(tick.policy().drainTimeout()) + " with " + left + "; terminating anyway");
            return new StepResult.Advanced(step.markForced().enter(StepPhase.TERMINATE, tick.now));
        }
        tick.mutate(new Mutation.SetInstanceState(tick.cluster(), ci.arn(), step.instanceId(),
                ContainerInstance.Status.ACTIVE));
        tick.event(RolloutEvent.Type.REACTIVATED, step.instanceId(), "drain timed out; set back to ACTIVE");
        return new StepResult.Paused(step, "drain of " + step.instanceId() + " timed out after "
                + DurationText.of(tick.policy().drainTimeout()) + " with " + left + " still running");
    }
}
