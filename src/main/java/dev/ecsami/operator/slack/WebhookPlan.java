package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Webhook messages cannot be edited, so each one is new: one at every milestone (waiting for
 * approval, started, paused, resumed, failed, aborted, succeeded) and, between them, progress when
 * an instance moved, at most once per interval per rollout.
 */
final class WebhookPlan implements MessagePlan {
    static final Set<RolloutEvent.Type> MILESTONES = EnumSet.of(RolloutEvent.Type.STARTED, RolloutEvent.Type.PAUSED,
            RolloutEvent.Type.RESUMED, RolloutEvent.Type.FAILED, RolloutEvent.Type.ABORTED,
            RolloutEvent.Type.SUCCEEDED);

    private final SlackMessages messages;
    private final Duration progressInterval;
    /** When each active rollout last got a message; forgotten when it ends. */
    private final Map<String, Instant> lastPosted = new HashMap<>();

    WebhookPlan(SlackMessages messages, Duration progressInterval) {
        this.messages = messages;
        this.progressInterval = progressInterval;
    }

    @Override
    public synchronized List<Delivery> rolloutChanged(Rollout r, List<RolloutEvent> newEvents, Instant now) {
        if (newEvents.isEmpty()) {
            return List.of();
        }
        boolean milestone = newEvents.stream().anyMatch(e -> MILESTONES.contains(e.type())
                || e.type() == RolloutEvent.Type.CREATED && r.state() == RolloutState.PLANNED);
        boolean instanceMoved = newEvents.stream().anyMatch(e -> !e.instanceId().isEmpty());
        Instant last = lastPosted.get(r.id());
        boolean progressDue = instanceMoved && (last == null || !now.isBefore(last.plus(progressInterval)));
        if (!milestone && !progressDue) {
            return List.of();
        }
        if (r.state().isFinal()) {
            lastPosted.remove(r.id());
        } else {
            lastPosted.put(r.id(), now);
        }
        Delivery.Kind kind = milestone ? Delivery.Kind.ANNOUNCE : Delivery.Kind.STATUS;
        return List.of(new Delivery(kind, r.id(), () -> messages.status(r, now)));
    }
}
