package dev.ecsami.operator.ingest;

import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.ingest.SubscriptionConfirmer.Confirmation;
import dev.ecsami.operator.ingest.SubscriptionConfirmer.PendingSubscription;
import dev.ecsami.operator.ingest.ami.AmiAnnouncement;
import dev.ecsami.operator.ingest.ami.AmiAnnouncementParser;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.runtime.NewAmiCheck;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Acts on a message that already passed the gate, by kind. An AMI announcement is only a trigger:
 * the AMI check re-resolves every target from the AMI source before doing anything. New message
 * kinds (lifecycle hooks, Spot interruptions) are new cases here.
 */
public final class IngestDispatcher {

    private static final Logger LOG = Logger.getLogger(IngestDispatcher.class);

    private final AmiCheckRunner amiCheck;
    private final SubscriptionConfirmer confirmer;
    private final boolean confirmSubscriptions;

    public IngestDispatcher(AmiCheckRunner amiCheck, SubscriptionConfirmer confirmer, boolean confirmSubscriptions) {
        this.amiCheck = Objects.requireNonNull(amiCheck, "amiCheck");
        this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
        this.confirmSubscriptions = confirmSubscriptions;
    }

    /** Handles a gate-approved envelope that arrived through {@code channel}. */
    public Handled dispatch(SnsEnvelope envelope, Trigger.Kind channel) {
        return switch (envelope.type()) {
            case NOTIFICATION -> announcement(envelope.message(), channel, envelope.messageId());
            case SUBSCRIPTION_CONFIRMATION -> confirm(envelope);
            case UNSUBSCRIBE_CONFIRMATION -> unsubscribed(envelope);
        };
    }

    /**
     * Handles the text of an AMI announcement ({@code source} names the message, e.g. its id). An
     * unparseable announcement is acknowledged: a redelivery would not parse either, and the
     * periodic AMI check still finds the release.
     */
    public Handled announcement(String message, Trigger.Kind channel, String source) {
        AmiAnnouncementParser.Result parsed = AmiAnnouncementParser.parse(message);
        if (parsed instanceof AmiAnnouncementParser.Result.Invalid invalid) {
            LOG.warnf("%s message %s is not an ECS AMI announcement and is dropped: %s", channel, source,
                    invalid.message());
            return new Handled.Ignored("not an ECS AMI announcement: " + invalid.message());
        }
        AmiAnnouncement announcement = ((AmiAnnouncementParser.Result.Parsed) parsed).announcement();
        Trigger trigger = new Trigger(channel, source, AnnouncementText.describe(announcement));
        List<NewAmiCheck.Outcome> outcomes = amiCheck.run(trigger);
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

    private Handled confirm(SnsEnvelope envelope) {
        if (!confirmSubscriptions) {
            LOG.warnf("subscription to %s not confirmed: operator.sns.confirm-subscriptions=false", envelope.topicArn());
            return new Handled.Ignored("confirm-subscriptions is off");
        }
        PendingSubscription pending = new PendingSubscription(envelope.topicArn(), envelope.token().orElseThrow(),
                envelope.subscribeUrl().orElseThrow());
        Confirmation confirmation = confirmer.confirm(pending);
        if (confirmation instanceof Confirmation.Confirmed confirmed) {
            LOG.infof("confirmed subscription %s to %s", confirmed.subscriptionArn(), envelope.topicArn());
            return new Handled.Confirmed(envelope.topicArn(), confirmed.subscriptionArn());
        }
        String detail = ((Confirmation.Failed) confirmation).detail();
        LOG.errorf("could not confirm the subscription to %s: %s", envelope.topicArn(), detail);
        return new Handled.Failed("confirming the subscription failed: " + detail);
    }

    private static Handled unsubscribed(SnsEnvelope envelope) {
        LOG.warnf("SNS reports that the subscription to %s was removed (message %s); announcements stop until"
                + " it is subscribed again", envelope.topicArn(), envelope.messageId());
        return new Handled.Ignored("unsubscribe confirmation");
    }
}
