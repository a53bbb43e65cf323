package dev.ecsami.operator.ingest.sns;

import java.util.Objects;
import java.util.Optional;

/**
 * An SNS HTTP/S message as received. String values are kept exactly as they arrived (after JSON
 * unescaping) because the signature covers them verbatim; nothing here has been verified yet.
 */
public record SnsEnvelope(
        SnsMessageType type,
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
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(signatureVersion, "signatureVersion");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(signingCertUrl, "signingCertUrl");
        Objects.requireNonNull(subscribeUrl, "subscribeUrl");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
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
}
