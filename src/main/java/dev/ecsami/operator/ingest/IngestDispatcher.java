package dev.ecsami.operator.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.drain.DrainRequest;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.ingest.MessageKind.Feed;
import dev.ecsami.operator.ingest.SubscriptionConfirmer.Confirmation;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.SnsGate;
import dev.ecsami.operator.ingest.sns.Verdict;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.runtime.NewAmiCheck;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one pipeline every message goes through after its source: envelope opened (SQS only; {@code
 * POST /sns} opens its own through the gate), kind decided, handler by kind. An AMI announcement only
 * triggers the AMI check, which re-resolves every target; a leaving instance starts a drain. Every
 * result is journaled; only {@link Handled.Failed} asks for a redelivery, and then an SNS envelope's
 * duplicate mark is released so the redelivery passes the gate.
 */
public final class IngestDispatcher {

    private static final Logger LOG = Logger.getLogger(IngestDispatcher.class);
    /** What {@code POST /sns} takes: announcements and its own subscription messages. */
    static final Set<Feed> SNS_FEEDS = EnumSet.of(Feed.AMI, Feed.SUBSCRIPTION);

    /**
     * The drain side: {@code runner} starts a drain ({@code DrainRunner::accept}), or on a follower
     * records it in the shared store for the leader.
     *
     * @param onRebalance whether a rebalance recommendation drains like a Spot warning
     */
    public record Drains(Function<DrainRequest, DrainRunner.Accepted> runner, boolean onRebalance) {
    }

    private final Function<Trigger, List<NewAmiCheck.Outcome>> amiCheck;
    private final SubscriptionConfirmer confirmer;
    private final boolean confirmSubscriptions;
    private final Drains drains;
    private final SnsGate gate;
    private final IngestJournal journal;
    private final Clock clock;
    /** The application's mapper, for the JSON of queue messages. */
    private final ObjectMapper json;

    public IngestDispatcher(ObjectMapper json, Function<Trigger, List<NewAmiCheck.Outcome>> amiCheck, SubscriptionConfirmer confirmer,
                            boolean confirmSubscriptions, Drains drains, SnsGate gate, IngestJournal journal,
                            Clock clock) {
        this.amiCheck = Objects.requireNonNull(amiCheck, "amiCheck");
        this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
        this.confirmSubscriptions = confirmSubscriptions;
        this.drains = Objects.requireNonNull(drains, "drains");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Handles an envelope the gate found valid, from {@code POST /sns} or a queue. */
    public Handled dispatch(SnsEnvelope envelope, Trigger.Kind channel) {
        return dispatch(envelope, channel, SNS_FEEDS);
    }

    private Handled dispatch(SnsEnvelope envelope, Trigger.Kind channel, Set<Feed> feeds) {
        Handled result = journaled(channel, envelope.messageId(),
                () -> handle(MessageKind.of(json, envelope), feeds, channel, envelope.messageId()));
        if (result.wantsRedelivery()) {
            gate.handlingFailed(envelope);
        }
        return result;
    }

    /** Handles one queue message body; {@code feeds} are what its queue is configured for. */
    public Handled fromQueue(String messageId, String body, Set<Feed> feeds) {
        Envelope opened = Envelope.open(json, body, gate);
        if (opened instanceof Envelope.Sns sns) {
            return dispatch(sns.envelope(), Trigger.Kind.SQS, feeds);
        }
        if (opened instanceof Envelope.Refused refused) {
            return journaled(Trigger.Kind.SQS, messageId, () -> settle(messageId, refused.verdict()));
        }
        return journaled(Trigger.Kind.SQS, messageId,
                () -> handle(MessageKind.of(json, opened), feeds, Trigger.Kind.SQS, messageId));
    }

    /** Handles the text of an AMI announcement ({@code source} names the message, e.g. its id). */
    public Handled announcement(String message, Trigger.Kind channel, String source) {
        return journaled(channel, source, () -> handle(MessageKind.ofText(json, message), Set.of(Feed.AMI), channel,
                source));
    }

    private Handled handle(MessageKind kind, Set<Feed> feeds, Trigger.Kind channel, String source) {
        if (!feeds.contains(kind.feed())) {
            return new Handled.Ignored(kind.feed() == Feed.LIFECYCLE
                    ? "a lifecycle message on a source not configured for them" : "not a lifecycle message");
        }
        if (kind instanceof MessageKind.Announcement a) {
            return check(new Trigger(channel, source, a.announcement().describe()));
        }
        if (kind instanceof MessageKind.LifecycleAction action) {
            return drain(action.request());
        }
        if (kind instanceof MessageKind.SpotWarning warning) {
            return drain(warning.request());
        }
        if (kind instanceof MessageKind.RebalanceRecommendation recommendation) {
            return drains.onRebalance() ? drain(recommendation.request()) : new Handled.Ignored(
                    "rebalance recommendation (operator.lifecycle.drain-on-rebalance-recommendation is off)");
        }
        if (kind instanceof MessageKind.TestNotification) {
            return new Handled.Ignored("Auto Scaling test notification");
        }
        if (kind instanceof MessageKind.SubscriptionConfirmation confirmation) {
            return confirm(confirmation.pending());
        }
        if (kind instanceof MessageKind.UnsubscribeConfirmation unsubscribed) {
            LOG.warnf("SNS reports that the subscription to %s was removed (message %s); announcements stop until"
                    + " it is subscribed again", unsubscribed.topicArn(), source);
            return new Handled.Ignored("unsubscribe confirmation");
        }
        MessageKind.Unreadable unreadable = (MessageKind.Unreadable) kind;
        if (unreadable.feed() == Feed.AMI) {
            LOG.warnf("%s message %s is dropped: %s", channel, source, unreadable.why());
        }
        return new Handled.Ignored(unreadable.why());
    }

    /**
     * Runs the AMI check. A target whose check failed asks for a redelivery; an unparseable announcement
     * does not (a redelivery would not parse either, and the periodic AMI check still finds the release).
     */
    private Handled check(Trigger trigger) {
        List<NewAmiCheck.Outcome> outcomes = amiCheck.apply(trigger);
        for (NewAmiCheck.Outcome o : outcomes) {
            LOG.infof("%s: target %s %s: %s", trigger.describe(), o.target(), o.action(), o.detail());
        }
        List<String> errors = outcomes.stream().filter(o -> o.action() == NewAmiCheck.Action.ERROR)
                .map(o -> o.target() + ": " + o.detail()).toList();
        if (!errors.isEmpty()) {
            return new Handled.Failed("AMI check failed for " + String.join("; ", errors));
        }
        return new Handled.Checked(trigger, outcomes);
    }

    private Handled drain(DrainRequest request) {
        return new Handled.DrainAccepted(request.instanceId(), drains.runner().apply(request));
    }

    private Handled confirm(SubscriptionConfirmer.PendingSubscription pending) {
        if (!confirmSubscriptions) {
            LOG.warnf("subscription to %s not confirmed: operator.sns.confirm-subscriptions=false", pending.topicArn());
            return new Handled.Ignored("confirm-subscriptions is off");
        }
        Confirmation confirmation = confirmer.confirm(pending);
        if (confirmation instanceof Confirmation.Confirmed confirmed) {
            LOG.infof("confirmed subscription %s to %s", confirmed.subscriptionArn(), pending.topicArn());
            return new Handled.Confirmed(pending.topicArn(), confirmed.subscriptionArn());
        }
        String detail = ((Confirmation.Failed) confirmation).detail();
        LOG.errorf("could not confirm the subscription to %s: %s", pending.topicArn(), detail);
        return new Handled.Failed("confirming the subscription failed: " + detail);
    }

    /** A queued SNS envelope the gate did not pass: a duplicate or forgery is deleted, a missing certificate retried. */
    private static Handled settle(String messageId, Verdict verdict) {
        if (verdict instanceof Verdict.Duplicate) {
            return new Handled.Ignored("duplicate of a handled SNS message");
        }
        Verdict.Rejected rejected = (Verdict.Rejected) verdict;
        if (rejected.reason() == Verdict.Reason.CERT_UNAVAILABLE) {
            return new Handled.Failed("signing certificate unavailable: " + rejected.detail());
        }
        LOG.warnf("SQS message %s carries an SNS envelope that was refused (%s: %s); deleting it",
                messageId, rejected.reason(), rejected.detail());
        return new Handled.Ignored("refused " + rejected.reason() + ": " + rejected.detail());
    }

    private Handled journaled(Trigger.Kind channel, String messageId, Supplier<Handled> work) {
        Handled result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "handling %s message %s failed", channel, messageId);
            result = new Handled.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        journal.record(new IngestJournal.Entry(clock.instant(), channel, messageId, result));
        return result;
    }
}
