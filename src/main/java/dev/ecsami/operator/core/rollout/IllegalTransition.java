package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.RolloutState;

/** A control action that the rollout's state does not allow, e.g. resuming a finished rollout. */
public class IllegalTransition extends RuntimeException {
    private final RolloutState state;

    public IllegalTransition(String action, String rolloutId, RolloutState state) {
        super("cannot " + action + " rollout " + rolloutId + ": it is " + state);
        this.state = state;
    }

    public RolloutState state() {
        return state;
    }
}
