package dev.ecsami.operator.ingest;

import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs the dispatcher for one accepted message and settles it: a failure that wants a redelivery
 * releases the envelope's duplicate mark so the retry is accepted; every result is journaled.
 */
public final class MessageHandling {

    private static final Logger LOG = Logger.getLogger(MessageHandling.class);

    private final IngestDispatcher dispatcher;
    private final EnvelopeGate gate;
    private final IngestJournal journal;
    private final Clock clock;

    public MessageHandling(IngestDispatcher dispatcher, EnvelopeGate gate, IngestJournal journal, Clock clock) {
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Handles an envelope the gate found {@link dev.ecsami.operator.ingest.sns.Verdict.Valid}. */
    public Handled envelope(SnsEnvelope envelope, Trigger.Kind channel) {
        Handled result = guarded(channel, envelope.messageId(), () -> dispatcher.dispatch(envelope, channel));
        if (result.wantsRedelivery()) {
            gate.handlingFailed(envelope);
        }
        return result;
    }

    /** Handles an AMI announcement delivered without an SNS envelope (SQS raw message delivery). */
    public Handled rawAnnouncement(String message, Trigger.Kind channel, String messageId) {
        return guarded(channel, messageId, () -> dispatcher.announcement(message, channel, messageId));
    }

    /** Records a message that was settled without dispatching it (duplicate, rejected, poison). */
    public void settledWithoutDispatch(Trigger.Kind channel, String messageId, Handled result) {
        journal.record(new IngestJournal.Entry(clock.instant(), channel, messageId, result));
    }

    private Handled guarded(Trigger.Kind channel, String messageId, Supplier<Handled> work) {
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
