package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;

import java.util.List;

/**
 * What one tick decided: the rollout as it should be persisted, the mutations to carry out after
 * persisting it, and the events it added.
 */
public record Decision(Rollout rollout, List<Mutation> mutations, List<RolloutEvent> newEvents) {
    public Decision {
        mutations = List.copyOf(mutations);
        newEvents = List.copyOf(newEvents);
    }

    public static Decision unchanged(Rollout rollout) {
        return new Decision(rollout, List.of(), List.of());
    }
}
