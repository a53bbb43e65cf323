package dev.ecsami.operator.ingest.sns;

import dev.ecsami.operator.core.model.Require;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An SNS HTTP/S message as received. String values are kept exactly as they arrived (after JSON
 * unescaping) because the signature covers them verbatim; nothing here has been verified yet.
 */
public record SnsEnvelope(
        Type type,
        String messageId,
        Optional<String> token,
        String topicArn,
        Optional<String> subject,
        String message,
        String timestamp,
        String signatureVersion,
        String signature,
        String signingCertUrl,
        Optional<String> subscribeUrl,
        Optional<String> unsubscribeUrl) {

    public SnsEnvelope {
        Require.nonNull("type", type, "messageId", messageId, "token", token, "topicArn", topicArn,
                "subject", subject, "message", message, "timestamp", timestamp, "signatureVersion", signatureVersion,
                "signature", signature, "signingCertUrl", signingCertUrl, "subscribeUrl", subscribeUrl,
                "unsubscribeUrl", unsubscribeUrl);
    }

    /** The value of a signed key by its SNS wire name, empty when the message does not carry it. */
    public Optional<String> valueOf(String wireKey) {
        return switch (wireKey) {
            case "Type" -> Optional.of(type.wireName());
            case "MessageId" -> Optional.of(messageId);
            case "Token" -> token;
            case "TopicArn" -> Optional.of(topicArn);
            case "Subject" -> subject;
            case "Message" -> Optional.of(message);
            case "Timestamp" -> Optional.of(timestamp);
            case "SubscribeURL" -> subscribeUrl;
            case "UnsubscribeURL" -> unsubscribeUrl;
            default -> throw new IllegalArgumentException("not an SNS envelope key: " + wireKey);
        };
    }

    /** The canonical bytes SNS signs: for each signed key present, {@code key\nvalue\n}. */
    public String stringToSign() {
        StringBuilder canonical = new StringBuilder(message.length() + 256);
        for (String key : type.signedKeys()) {
            valueOf(key).ifPresent(value -> canonical.append(key).append('\n').append(value).append('\n'));
        }
        return canonical.toString();
    }

    public byte[] bytesToSign() {
        return stringToSign().getBytes(StandardCharsets.UTF_8);
    }

    /** The SNS HTTP/S message types and the keys each one signs, in the order SNS signs them. */
    public enum Type {
        NOTIFICATION("Notification",
                List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")),
        SUBSCRIPTION_CONFIRMATION("SubscriptionConfirmation",
                List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type")),
        UNSUBSCRIBE_CONFIRMATION("UnsubscribeConfirmation",
                List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"));

        private final String wireName;
        private final List<String> signedKeys;

        Type(String wireName, List<String> signedKeys) {
            this.wireName = wireName;
            this.signedKeys = signedKeys;
        }

        /** The value of the {@code Type} field, matched exactly (case-sensitive). */
        public static Optional<Type> fromWire(String value) {
            return Arrays.stream(values()).filter(t -> t.wireName.equals(value)).findFirst();
        }

        public String wireName() {
            return wireName;
        }

        /** Keys that go into the string to sign; an absent optional key (Subject) is skipped. */
        public List<String> signedKeys() {
            return signedKeys;
        }

        /** Confirmations carry a Token and SubscribeURL that are signed and therefore required. */
        public boolean isConfirmation() {
            return this != NOTIFICATION;
        }
    }
}
