package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;

import java.time.Instant;
import java.util.List;

/** Which messages a change of a rollout calls for. Decides only; the queue and sender deliver. */
interface MessagePlan {

    List<Delivery> rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents, Instant now);
}
