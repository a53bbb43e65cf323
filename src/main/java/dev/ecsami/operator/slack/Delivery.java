package dev.ecsami.operator.slack;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A message waiting to be sent. Its content is rendered by the sender, not by the rollout path:
 * rollouts are immutable, so rendering later shows the same thing, and a status superseded in the
 * queue is never rendered at all.
 *
 * @param rolloutId the rollout it is about, empty for a message about no rollout
 * @param content   renders the message; called on the sender thread
 */
record Delivery(Kind kind, String rolloutId, Supplier<SlackMessage> content) {

    enum Kind {
        /** Must go out as a message of its own: a milestone in webhook mode, targets behind in both modes. */
        ANNOUNCE,
        /**
         * The latest state of a rollout: a throttled progress post (webhook) or the edit of the rollout's
         * message (bot). A newer one replaces a queued one; the first to go when the queue is full.
         */
        STATUS,
        /** Bot mode: a reply in the thread of the rollout's message. */
        REPLY
    }

    Delivery {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        rolloutId = rolloutId == null ? "" : rolloutId;
    }

    static Delivery of(Kind kind, String rolloutId, SlackMessage message) {
        return new Delivery(kind, rolloutId, () -> message);
    }

    SlackMessage message() {
        return content.get();
    }

    /** Renders once; the result is what every attempt sends. */
    Delivery rendered() {
        return of(kind, rolloutId, content.get());
    }

    /** A newer status of the same rollout makes a queued one pointless. */
    boolean supersedes(Delivery queued) {
        return kind == Kind.STATUS && queued.kind == Kind.STATUS && rolloutId.equals(queued.rolloutId);
    }

    /** What the logs call it: never the message text, which can be long. */
    String describe() {
        return kind.name().toLowerCase() + (rolloutId.isEmpty() ? "" : " of rollout " + rolloutId);
    }
}
