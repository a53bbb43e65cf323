package dev.ecsami.operator.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.ingest.sns.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Understands both ways SNS fills an SQS queue: the SNS envelope (checked by the same gate as
 * {@code POST /sns}) and raw message delivery, where the body is the announcement itself.
 */
public final class AmiQueueMessageHandler implements QueueMessageHandler {

    private static final Logger LOG = Logger.getLogger(AmiQueueMessageHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnvelopeGate gate;
    private final MessageHandling handling;

    public AmiQueueMessageHandler(EnvelopeGate gate, MessageHandling handling) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.handling = Objects.requireNonNull(handling, "handling");
    }

    @Override
    public Handled handle(String messageId, String body) {
        if (!looksLikeSnsEnvelope(body)) {
            return handling.rawAnnouncement(body, Trigger.Kind.SQS, messageId);
        }
        Verdict verdict = gate.accept(body.getBytes(StandardCharsets.UTF_8));
        if (verdict instanceof Verdict.Valid valid) {
            return handling.envelope(valid.envelope(), Trigger.Kind.SQS);
        }
        Handled settled = settle(messageId, verdict);
        handling.settledWithoutDispatch(Trigger.Kind.SQS, messageId, settled);
        return settled;
    }

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

    /** An SNS envelope is a JSON object with a string Type, TopicArn and MessageId. */
    static boolean looksLikeSnsEnvelope(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            return root != null && root.isObject() && root.path("Type").isTextual()
                    && root.path("TopicArn").isTextual() && root.path("MessageId").isTextual();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
