package dev.ecsami.operator.slack;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A message waiting to be sent, rendered on the outbox's thread (rollouts are immutable, so later
 * shows the same; a superseded status is never rendered). {@code rolloutId} is empty for none.
 */
record Delivery(Kind kind, String rolloutId, Supplier<SlackMessage> content) {
    enum Kind {
        /** A message of its own: a milestone in webhook mode, targets behind, a drain digest. */
        ANNOUNCE,
        /** The latest state of a rollout: a throttled post (webhook) or the edit of its message (bot). */
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

    /** A newer status of the same rollout makes a queued one pointless. */
    boolean supersedes(Delivery queued) {
        return kind == Kind.STATUS && queued.kind == Kind.STATUS && rolloutId.equals(queued.rolloutId);
    }

    /** What the logs call it: never the message text, which can be long. */
    String describe() {
        return kind.name().toLowerCase() + (rolloutId.isEmpty() ? "" : " of rollout " + rolloutId);
    }
}
