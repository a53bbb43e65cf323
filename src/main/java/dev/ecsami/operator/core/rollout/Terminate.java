package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

import java.util.Optional;

/**
 * Terminate the old instance through the group: with surge, decrementing desired capacity (which
 * gives the surge slot back); without, letting the group launch the replacement. An instance that
 * still runs service or standalone tasks is never terminated unless the step was forced.
 */
final class Terminate implements StepHandler {

    @Override
    public StepResult advance(InstanceStep step, Tick tick) {
        Optional<GroupInstance> gi = tick.groupInstance(step.instanceId());
        if (gi.isEmpty() || gi.get().lifecycle().isLeaving()) {
            tick.event(RolloutEvent.Type.TERMINATED, step.instanceId(), step.forced() ? "terminated (forced)"
                    : "terminated");
            StepPhase next = tick.policy().surge() ? StepPhase.BAKE : StepPhase.AWAIT_REPLACEMENT;
            return new StepResult.Advanced(step.enter(next, tick.now));
        }
        Optional<ContainerInstance> ci = tick.containerInstance(step.instanceId());
        if (!step.forced() && ci.isPresent() && holdsWork(ci.get())) {
            tick.event(RolloutEvent.Type.DRAIN_STARTED, step.instanceId(), "tasks are running on it again; "
                    + "draining again before terminating");
            return new StepResult.Advanced(step.enter(StepPhase.DRAIN, tick.now));
        }
        tick.mutate(new Mutation.Terminate(tick.group(), step.instanceId(), tick.policy().surge()));
        return new StepResult.Waiting(step);
    }

    private static boolean holdsWork(ContainerInstance ci) {
        if (ci.status() == ContainerInstance.Status.ACTIVE) {
            return true;
        }
        return !ci.tasksKnown() || ci.blockingTasks() > 0;
    }
}
