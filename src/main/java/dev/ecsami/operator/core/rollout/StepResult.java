package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.InstanceStep;

/** What a step handler made of one instance this tick. */
sealed interface StepResult {

    InstanceStep step();

    /** Moved to another phase; the engine runs that phase's handler in the same tick. */
    record Advanced(InstanceStep step) implements StepResult {
    }

    /** Nothing more to do until the next look. */
    record Waiting(InstanceStep step) implements StepResult {
    }

    /** The rollout must stop here until an operator resumes it. */
    record Paused(InstanceStep step, String reason) implements StepResult {
    }
}
