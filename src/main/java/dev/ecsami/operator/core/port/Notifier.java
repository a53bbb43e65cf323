package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.AmiRef;

import java.util.List;

/**
 * Tells people what happens. Implementations must not block or throw into the rollout path.
 */
public interface Notifier {

    /** A rollout changed; {@code newEvents} are the events added since the last call. */
    void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents);

    /** A newer AMI exists for targets whose policy only notifies or waits for approval. */
    default void targetsBehind(List<Behind> behind) {
    }

    record Behind(Target target, AmiRef current, AmiRef latest, String pendingRolloutId) {
    }
}
