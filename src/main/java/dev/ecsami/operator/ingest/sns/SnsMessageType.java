package dev.ecsami.operator.ingest.sns;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The SNS HTTP/S message types and the keys each one signs, in the order SNS signs them. */
public enum SnsMessageType {
    NOTIFICATION("Notification",
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")),
    SUBSCRIPTION_CONFIRMATION("SubscriptionConfirmation",
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type")),
    UNSUBSCRIBE_CONFIRMATION("UnsubscribeConfirmation",
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"));

    private final String wireName;
    private final List<String> signedKeys;

    SnsMessageType(String wireName, List<String> signedKeys) {
        this.wireName = wireName;
        this.signedKeys = signedKeys;
    }

    /** The value of the {@code Type} field, matched exactly (case-sensitive). */
    public static Optional<SnsMessageType> fromWire(String value) {
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
