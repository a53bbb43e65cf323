package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.AmiRef;

import java.time.Instant;
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

    /**
     * A drain of an instance leaving outside a rollout (scale-in, Spot) started (state DRAINING) or
     * ended. Channels summarise these rather than tell each one.
     */
    default void drainChanged(DrainRecord drain) {
    }

    /** The drains were looked at, at {@code now}: a channel posts the summaries that are due by then. */
    default void drainsLooked(Instant now) {
    }

    record Behind(Target target, AmiRef current, AmiRef latest, String pendingRolloutId) {
    }
}
