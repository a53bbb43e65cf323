package dev.ecsami.operator.core.drain;

import java.time.Duration;
import java.util.List;

/**
 * What one look at a drain decided: the mutations to apply, the record as it stands after them,
 * and when to look again (empty once the drain has ended).
 */
public record DrainDecision(List<DrainMutation> mutations, DrainRecord next, Duration lookAgainAfter) {
    public DrainDecision {
        mutations = List.copyOf(mutations);
    }
}
