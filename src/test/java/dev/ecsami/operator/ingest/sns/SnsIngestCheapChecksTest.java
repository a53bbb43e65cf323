package dev.ecsami.operator.ingest.sns;

import static dev.ecsami.operator.ingest.sns.SnsIngestSignatureTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.ingest.sns.Verdict.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages that fail a cheap check are refused before any certificate is fetched or id recorded. */
class SnsIngestCheapChecksTest {

    private final IngestWorld world = new IngestWorld();

    @AfterEach
    void nothingWasFetchedOrRecorded() {
        assertThat(world.certificates.requested).isEmpty();
        assertThat(world.seenIds.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "0", "", "1.0", " 1"})
    void unsupportedSignatureVersionIsRejected(String version) {
        TestMessage message = world.signedNotification().set("SignatureVersion", version);

        assertRejected(world.accept(message), Reason.UNSUPPORTED_SIGNATURE_VERSION);
    }

    @Test
    void signatureThatIsNotBase64IsRejectedAsMalformed() {
        TestMessage message = world.signedNotification().set("Signature", "not*base64!");

        assertRejected(world.accept(message), Reason.MALFORMED);
    }

    @Test
    void topicOutsideTheAllowListIsRejected() {
        TestMessage message = TestMessage.notification(world.now())
                .set("TopicArn", "arn:aws:sns:us-west-2:123456789012:someone-elses-topic").signWith(world.pki.sns.key());

        assertRejected(world.accept(message), Reason.TOPIC_NOT_ALLOWED);
    }

    @Test
    void timestampOlderThanTheToleranceIsRejectedAsStale() {
        TestMessage message = TestMessage.notification(world.now().minus(IngestWorld.TOLERANCE).minusMillis(1))
                .signWith(world.pki.sns.key());

        assertRejected(world.accept(message), Reason.STALE_TIMESTAMP);
    }

    @Test
    void timestampFurtherInTheFutureThanTheToleranceIsRejectedAsStale() {
        TestMessage message = TestMessage.notification(world.now().plus(IngestWorld.TOLERANCE).plusSeconds(1))
                .signWith(world.pki.sns.key());

        assertRejected(world.accept(message), Reason.STALE_TIMESTAMP);
    }

    @Test
    void genuineMessageReplayedADayLaterIsRejectedAsStale() {
        TestMessage message = world.signedNotification();
        world.clock.advance(Duration.ofDays(1));

        assertRejected(world.accept(message), Reason.STALE_TIMESTAMP);
    }

    @Test
    void timestampThatIsNotIso8601IsRejectedAsMalformed() {
        TestMessage message = world.signedNotification().set("Timestamp", "Tue, 16 Mar 2021 20:45:04 GMT");

        assertRejected(world.accept(message), Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://sns.us-west-2.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem",
        "https://sns.us-west-2.amazonaws.com.evil.com/SimpleNotificationService-0123456789abcdef.pem",
        "https://evil.com/sns.us-west-2.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem",
        "https://sns.us-west-2.amazonaws.com@evil.com/SimpleNotificationService-0123456789abcdef.pem",
        "https://sns.us-west-2.amazonaws.com:8443/SimpleNotificationService-0123456789abcdef.pem",
        "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-0123456789abcdef.txt",
        "https://sns us-west-2.amazonaws.com/cert.pem"
    })
    void certificateUrlOutsideThePolicyIsRejectedWithoutFetching(String certUrl) {
        TestMessage message = TestMessage.notification(world.now()).set("SigningCertURL", certUrl)
                .signWith(world.pki.sns.key());

        assertRejected(world.accept(message), Reason.CERT_URL_NOT_ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "\"Notification\"", "{\"Type\":\"Notification\"", "null"})
    void bodyThatIsNotAJsonObjectIsRejectedAsMalformed(String body) {
        assertRejected(world.ingest.accept(body.getBytes(StandardCharsets.UTF_8)), Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature",
        "SigningCertURL"})
    void missingRequiredFieldIsRejectedNamingTheField(String field) {
        Verdict verdict = world.accept(world.signedNotification().remove(field));

        assertRejected(verdict, Reason.MALFORMED);
        assertThat(((Verdict.Rejected) verdict).detail()).startsWith(field + ":");
    }

    @Test
    void bodyLargerThan256KibIsRejectedBeforeParsing() {
        byte[] body = new byte[256 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');

        assertRejected(world.ingest.accept(body), Reason.BODY_TOO_LARGE);
    }

    @Test
    void bodyLimitRefusesADeclaredContentLengthOverTheLimitOnly() {
        assertThat(world.ingest.bodyLimit().check(256 * 1024)).isEmpty();
        assertThat(world.ingest.bodyLimit().check(256 * 1024 + 1))
                .hasValueSatisfying(rejected -> assertThat(rejected.reason()).isEqualTo(Reason.BODY_TOO_LARGE));
    }
}
