package dev.ecsami.operator.slack;

import java.util.Objects;

/**
 * A message waiting to be sent.
 *
 * @param rolloutId the rollout it is about, empty for a message about no rollout
 */
record Delivery(Kind kind, String rolloutId, SlackMessage message) {

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
        Objects.requireNonNull(message, "message");
        rolloutId = rolloutId == null ? "" : rolloutId;
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
