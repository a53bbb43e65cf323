package dev.ecsami.operator.ingest.sns;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsami.operator.ingest.json.Parsed;
import dev.ecsami.operator.ingest.json.StrictJson;
import dev.ecsami.operator.ingest.json.StrictJson.ShapeError;
import java.util.Optional;

/**
 * Reads the JSON body of an SNS HTTP/S request into an {@link SnsEnvelope}. Unknown fields are
 * ignored; duplicate keys are refused so that what we verify is exactly what we later act on.
 */
public final class SnsEnvelopeParser {

    private SnsEnvelopeParser() {
    }

    /** An envelope, or the field that was wrong ({@code body} for the whole) and what was expected. */
    public static Parsed<SnsEnvelope> parse(byte[] body) {
        return StrictJson.parse(body, "body", root -> toEnvelope(new Fields(root)));
    }

    private static SnsEnvelope toEnvelope(Fields fields) {
        String typeValue = fields.required("Type");
        SnsEnvelope.Type type = SnsEnvelope.Type.fromWire(typeValue).orElseThrow(() -> new ShapeError("Type",
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

    /** String-valued members of the root object, each named by itself; JSON null counts as absent. */
    private record Fields(JsonNode root) {
        String required(String name) {
            return optional(name).orElseThrow(() -> new ShapeError(name, "required string is missing"));
        }

        Optional<String> optional(String name) {
            return StrictJson.text(root, name, name);
        }
    }
}
