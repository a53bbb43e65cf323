package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.model.OnDrainTimeout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.SurgeAhead;

import java.time.Duration;
import java.util.Optional;

/** Per-rollout changes to a target's policy. */
public record Overrides(Optional<Integer> maxInFlight, Optional<Boolean> surge, Optional<String> surgeAhead,
                        Optional<Duration> drainTimeout, Optional<OnDrainTimeout> onDrainTimeout,
                        Optional<Duration> bakeTime) {

    public static Overrides none() {
        return new Overrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** @throws CommandRejected naming the field when a value is out of range */
    public RolloutPolicy applyTo(RolloutPolicy p) {
        RolloutPolicy out = p;
        if (maxInFlight.isPresent()) {
            if (maxInFlight.get() < 1) {
                throw new CommandRejected(CommandRejected.Reason.INVALID, "maxInFlight",
                        "maxInFlight must be 1 or more, was " + maxInFlight.get());
            }
            out = out.withMaxInFlight(maxInFlight.get());
        }
        if (surge.isPresent()) {
            out = out.withSurge(surge.get());
        }
        if (surgeAhead.isPresent()) {
            try {
                out = SurgeAhead.parse(surgeAhead.get()).applyTo(out);
            } catch (IllegalArgumentException e) {
                throw new CommandRejected(CommandRejected.Reason.INVALID, "surgeAhead", "surgeAhead " + e.getMessage());
            }
        }
        if (drainTimeout.isPresent() || onDrainTimeout.isPresent()) {
            Duration d = drainTimeout.orElse(out.drainTimeout());
            if (d.isZero() || d.isNegative()) {
                throw new CommandRejected(CommandRejected.Reason.INVALID, "drainTimeout",
                        "drainTimeout must be a positive duration, was " + d);
            }
            out = out.withDrainTimeout(d, onDrainTimeout.orElse(out.onDrainTimeout()));
        }
        if (bakeTime.isPresent()) {
            if (bakeTime.get().isNegative()) {
                throw new CommandRejected(CommandRejected.Reason.INVALID, "bakeTime",
                        "bakeTime must be zero or positive, was " + bakeTime.get());
            }
            out = out.withBakeTime(bakeTime.get());
        }
        return out;
    }
}
