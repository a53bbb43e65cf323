package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

/**
 * Surge: raise desired capacity by one for this step (and max size if it must), then wait until
 * a replacement serves, so that draining the old instance keeps capacity at the floor.
 */
final class LaunchReplacement implements StepHandler {

    @Override
    public StepResult advance(InstanceStep step, Tick tick) {
        GroupState group = tick.observed.group();
        int wanted = tick.baseline().desired() + tick.surgeSlots();
        if (group.desired() < wanted) {
            int max = group.max();
            if (wanted > max) {
                if (!tick.policy().allowMaxSizeRaise()) {
                    return new StepResult.Paused(step, "surge needs desired capacity " + wanted
                            + " but max size is " + max + " and raising it is not allowed");
                }
                max = wanted;
            }
            tick.mutate(new Mutation.SetCapacity(tick.group(), wanted, max));
            tick.event(RolloutEvent.Type.SURGE, step.instanceId(), "desired capacity " + group.desired() + " -> "
                    + wanted + (max != group.max() ? ", max size " + group.max() + " -> " + max : "")
                    + " to launch a replacement for " + step.instanceId());
            return new StepResult.Waiting(step);
        }
        int servingAfterDrain = tick.servingCapacity() - (tick.serves(step.instanceId()) ? 1 : 0);
        if (servingAfterDrain >= tick.baseline().capacityFloor()) {
            tick.event(RolloutEvent.Type.REPLACEMENT_READY, step.instanceId(), "replacement InService and ACTIVE; "
                    + tick.servingCapacity() + " instances serving");
            return new StepResult.Advanced(step.enter(StepPhase.DRAIN, tick.now));
        }
        if (tick.elapsed(step.phaseSince(), tick.policy().registrationTimeout())) {
            return new StepResult.Paused(step, "no replacement for " + step.instanceId()
                    + " became InService and ACTIVE in the cluster within " + tick.policy().registrationTimeout()
                    + " (" + tick.servingCapacity() + " serving, floor " + tick.baseline().capacityFloor() + ")");
        }
        return new StepResult.Waiting(step);
    }
}
