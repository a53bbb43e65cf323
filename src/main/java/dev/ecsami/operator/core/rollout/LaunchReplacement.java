package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

/**
 * Surge: while this step holds a surge slot (the engine raises desired capacity for it), wait
 * until a drain slot is free and a replacement serves, so that draining the old instance keeps
 * capacity at the floor. Replacements are interchangeable, so the registration timeout is
 * checked for the fleet: once a step has waited that long, its replacement must be serving on
 * top of the floor, as must those of every other step that has waited as long.
 */
final class LaunchReplacement implements StepHandler {

    @Override
    public StepResult advance(InstanceStep step, Tick tick) {
        int overdue = tick.overdueLaunches();
        if (overdue > 0 && tick.servingCapacity() < tick.floor() + overdue
                && tick.elapsed(step.phaseSince(), tick.policy().registrationTimeout())) {
            return new StepResult.Paused(step, "no replacement for " + step.instanceId()
                    + " became InService and ACTIVE in the cluster within " + tick.policy().registrationTimeout()
                    + " (" + tick.servingCapacity() + " serving, floor " + tick.floor() + ", "
                    + overdue + " replacement" + (overdue == 1 ? "" : "s") + " overdue)");
        }
        if (tick.slotsInUse() >= tick.policy().maxInFlight()) {
            return new StepResult.Waiting(step);
        }
        int servingAfterDrain = tick.servingCapacity() - (tick.serves(step.instanceId()) ? 1 : 0);
        if (servingAfterDrain < tick.floor()) {
            return new StepResult.Waiting(step);
        }
        tick.event(RolloutEvent.Type.REPLACEMENT_READY, step.instanceId(), "replacement InService and ACTIVE; "
                + tick.servingCapacity() + " instances serving");
        return new StepResult.Advanced(step.enter(StepPhase.DRAIN, tick.now));
    }
}
