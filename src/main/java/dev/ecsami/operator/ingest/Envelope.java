package dev.ecsami.operator.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.SnsGate;
import dev.ecsami.operator.ingest.sns.Verdict;
import java.nio.charset.StandardCharsets;

/**
 * The envelope a queue message arrived in, opened: an SNS envelope (which must pass the same gate as
 * {@code POST /sns}), an EventBridge event, or the raw body (SNS raw message delivery, a lifecycle
 * hook's own notification).
 */
public sealed interface Envelope {

    /** An SNS envelope the gate found valid. */
    record Sns(SnsEnvelope envelope) implements Envelope {
    }

    /** An EventBridge event: its {@code detail-type} and {@code detail}. */
    record EventBridge(String detailType, JsonNode detail) implements Envelope {
    }

    /** A body in no envelope. */
    record Raw(String body) implements Envelope {
    }

    /** An SNS envelope the gate refused or had already seen: nothing to dispatch. */
    record Refused(Verdict verdict) implements Envelope {
    }

    /** Opens a queue message body. */
    static Envelope open(ObjectMapper json, String body, SnsGate gate) {
        JsonNode root = Json.read(json, body);
        if (root.path("Type").isTextual() && root.path("TopicArn").isTextual() && root.path("MessageId").isTextual()) {
            Verdict verdict = gate.accept(body.getBytes(StandardCharsets.UTF_8));
            return verdict instanceof Verdict.Valid valid ? new Sns(valid.envelope()) : new Refused(verdict);
        }
        if (root.path("detail-type").isTextual() && root.path("detail").isObject()) {
            return new EventBridge(root.path("detail-type").textValue(), root.path("detail"));
        }
        return new Raw(body);
    }

    /** Lenient JSON reading: anything that is not a JSON object reads as an empty object. */
    final class Json {
        private Json() {
        }

        static JsonNode read(ObjectMapper json, String text) {
            try {
                JsonNode root = json.readTree(text);
                return root != null && root.isObject() ? root : json.createObjectNode();
            } catch (JsonProcessingException e) {
                return json.createObjectNode();
            }
        }
    }
}
