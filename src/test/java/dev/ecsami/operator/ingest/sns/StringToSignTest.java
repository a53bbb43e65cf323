package dev.ecsami.operator.ingest.sns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StringToSignTest {

    @Test
    void notificationSignsItsKeysInOrderIncludingSubject() {
        SnsEnvelope envelope = notification(Optional.of("Hello"));

        assertThat(envelope.stringToSign()).isEqualTo("""
                Message
                line one
                line two
                MessageId
                id-1
                Subject
                Hello
                Timestamp
                2021-03-16T20:45:04.751Z
                TopicArn
                arn:aws:sns:us-east-1:1:t
                Type
                Notification
                """);
    }

    @Test
    void notificationWithoutSubjectLeavesTheKeyOut() {
        assertThat(notification(Optional.empty()).stringToSign()).doesNotContain("Subject");
    }

    @Test
    void confirmationSignsTokenAndSubscribeUrlButNotUnsubscribeUrlOrSubject() {
        SnsEnvelope envelope = new SnsEnvelope(SnsEnvelope.Type.SUBSCRIPTION_CONFIRMATION, "id-2", Optional.of("tok"),
                "arn:aws:sns:us-east-1:1:t", Optional.of("ignored"), "Confirm", "2021-03-16T20:45:04.751Z", "1",
                "c2ln", "https://sns.us-east-1.amazonaws.com/c.pem", Optional.of("https://sub"),
                Optional.of("https://unsub"));

        assertThat(envelope.stringToSign()).isEqualTo("""
                Message
                Confirm
                MessageId
                id-2
                SubscribeURL
                https://sub
                Timestamp
                2021-03-16T20:45:04.751Z
                Token
                tok
                TopicArn
                arn:aws:sns:us-east-1:1:t
                Type
                SubscriptionConfirmation
                """);
    }

    private static SnsEnvelope notification(Optional<String> subject) {
        return new SnsEnvelope(SnsEnvelope.Type.NOTIFICATION, "id-1", Optional.empty(), "arn:aws:sns:us-east-1:1:t",
                subject, "line one\nline two", "2021-03-16T20:45:04.751Z", "1", "c2ln",
                "https://sns.us-east-1.amazonaws.com/c.pem", Optional.empty(), Optional.of("https://unsub"));
    }
}
