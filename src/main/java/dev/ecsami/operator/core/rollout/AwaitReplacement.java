package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

/**
 * Without surge: after terminating, wait until the group's replacement serves, so the dip in
 * capacity lasts one instance at a time.
 */
final class AwaitReplacement implements StepHandler {

    @Override
    public StepResult advance(InstanceStep step, Tick tick) {
        int expected = tick.servingCapacity() + tick.othersOutOfService(step.instanceId());
        if (expected >= tick.floor()) {
            tick.event(RolloutEvent.Type.REPLACEMENT_READY, step.instanceId(), "replacement InService and ACTIVE; "
                    + tick.servingCapacity() + " instances serving");
            return new StepResult.Advanced(step.enter(StepPhase.BAKE, tick.now));
        }
        if (tick.elapsed(step.phaseSince(), tick.policy().registrationTimeout())) {
            return new StepResult.Paused(step, "the replacement for " + step.instanceId()
                    + " did not become InService and ACTIVE within " + tick.policy().registrationTimeout());
        }
        return new StepResult.Waiting(step);
    }
}
