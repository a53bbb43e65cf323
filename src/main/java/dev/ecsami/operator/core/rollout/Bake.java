package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

/** Hold the slot for the bake time before the next instance, then finish the step. */
final class Bake implements StepHandler {

    @Override
    public StepResult advance(InstanceStep step, Tick tick) {
        if (!tick.elapsed(step.phaseSince(), tick.policy().bakeTime())) {
            return new StepResult.Waiting(step);
        }
        tick.event(RolloutEvent.Type.INSTANCE_DONE, step.instanceId(), "replaced in "
                + DurationText.of(java.time.Duration.between(step.startedAt(), tick.now)));
        return new StepResult.Waiting(step.enter(StepPhase.DONE, tick.now));
    }
}
