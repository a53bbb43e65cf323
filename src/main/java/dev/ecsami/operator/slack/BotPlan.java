package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Bot mode: every change updates the rollout's one message (queued updates collapse into the
 * latest), and each instance finished, skipped or forced, and each pause or failure, gets a thread
 * reply. The status goes first, so the thread exists before its first reply.
 */
final class BotPlan implements MessagePlan {
    private final SlackMessages messages;

    BotPlan(SlackMessages messages) {
        this.messages = messages;
    }

    @Override
    public List<Delivery> rolloutChanged(Rollout r, List<RolloutEvent> newEvents, Instant now) {
        if (newEvents.isEmpty()) {
            return List.of();
        }
        List<Delivery> out = new ArrayList<>();
        out.add(new Delivery(Delivery.Kind.STATUS, r.id(), () -> messages.status(r, now)));
        for (RolloutEvent e : newEvents) {
            if (messages.repliesTo(e)) {
                out.add(new Delivery(Delivery.Kind.REPLY, r.id(), () -> messages.reply(r, e)));
            }
        }
        return out;
    }
}
