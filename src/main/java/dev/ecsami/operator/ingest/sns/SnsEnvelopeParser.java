package dev.ecsami.operator.ingest.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the JSON body of an SNS HTTP/S request into an {@link SnsEnvelope}. Unknown fields are
 * ignored; duplicate keys are refused so that what we verify is exactly what we later act on.
 */
public final class SnsEnvelopeParser {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SnsEnvelopeParser() {
    }

    /** Outcome of parsing: an envelope, or the field that was wrong and what was expected. */
    public sealed interface Result {
        record Parsed(SnsEnvelope envelope) implements Result {
        }

        record Malformed(String field, String problem) implements Result {
            public String detail() {
                return field + ": " + problem;
            }
        }
    }

    public static Result parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Result.Malformed("body", "not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            return new Result.Malformed("body", "unreadable (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            return new Result.Malformed("body", "expected a JSON object");
        }
        try {
            return new Result.Parsed(toEnvelope(new Fields(root)));
        } catch (FieldProblem problem) {
            return new Result.Malformed(problem.field, problem.getMessage());
        }
    }

    private static SnsEnvelope toEnvelope(Fields fields) {
        String typeValue = fields.required("Type");
        SnsEnvelope.Type type = SnsEnvelope.Type.fromWire(typeValue).orElseThrow(() -> new FieldProblem("Type",
                "expected Notification, SubscriptionConfirmation or UnsubscribeConfirmation"));
        Optional<String> token = fields.optional("Token");
        Optional<String> subscribeUrl = fields.optional("SubscribeURL");
        if (type.isConfirmation()) {
            token = Optional.of(fields.required("Token"));
            subscribeUrl = Optional.of(fields.required("SubscribeURL"));
        }
        return new SnsEnvelope(
                type,
                fields.required("MessageId"),
                token,
                fields.required("TopicArn"),
                fields.optional("Subject"),
                fields.required("Message"),
                fields.required("Timestamp"),
                fields.required("SignatureVersion"),
                fields.required("Signature"),
                fields.required("SigningCertURL"),
                subscribeUrl,
                fields.optional("UnsubscribeURL"));
    }

    /** String-valued members of the root object; JSON null counts as absent. */
    private record Fields(JsonNode root) {
        String required(String name) {
            return optional(name).orElseThrow(() -> new FieldProblem(name, "required string is missing"));
        }

        Optional<String> optional(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isTextual()) {
                throw new FieldProblem(name, "expected a string but was " + node.getNodeType());
            }
            return Optional.of(node.textValue());
        }
    }

    /** Internal control flow only; never escapes {@link #parse(byte[])}. */
    private static final class FieldProblem extends RuntimeException {
        private final String field;

        FieldProblem(String field, String problem) {
            super(problem, null, false, false);
            this.field = field;
        }
    }
}
