package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.InstanceStep;

/** One named step of the rolling replacement, for one instance. */
interface StepHandler {
    StepResult advance(InstanceStep step, Tick tick);
}
