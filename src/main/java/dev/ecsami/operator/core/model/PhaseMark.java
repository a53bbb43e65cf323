package dev.ecsami.operator.core.model;

import java.time.Instant;

/** When an instance step entered a phase. */
public record PhaseMark(StepPhase phase, Instant at) {
}
