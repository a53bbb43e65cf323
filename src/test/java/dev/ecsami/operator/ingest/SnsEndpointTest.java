package dev.ecsami.operator.ingest;

import dev.ecsami.operator.api.Problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.ecsami.operator.SimulatedTestProfile;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.ingest.sns.TestMessage;
import dev.ecsami.operator.ingest.sns.TestPki;
import dev.ecsami.operator.runtime.NewAmiCheck;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /sns} in the running application on the simulated backend. Signing certificates come
 * from the test PKI (see {@link IngestTestBeans}); the target "demo" is behind and only notifies,
 * so a handled announcement shows up as a NOTIFIED outcome in the ingest journal.
 */
@QuarkusTest
@TestProfile(SimulatedTestProfile.class)
class SnsEndpointTest {

    private static final String SNS_TEXT_PLAIN = "text/plain; charset=UTF-8";

    @Inject
    IngestJournal journal;

    @TestHTTPResource("/sns")
    URI sns;

    @Inject
    IngestTestBeans.RecordingConfirmer confirmer;

    private final TestPki pki = TestPki.get();

    @Test
    void signedV1NotificationSentAsTextPlainTriggersTheAmiCheck() {
        TestMessage message = Announcements.signedNotification(Instant.now());

        post(message, SNS_TEXT_PLAIN).statusCode(200);

        Handled.Checked checked = awaitChecked(message.get("MessageId"));
        assertThat(checked.trigger().kind()).isEqualTo(Trigger.Kind.SNS);
        assertThat(checked.trigger().source()).isEqualTo(message.get("MessageId"));
        assertThat(checked.trigger().detail()).startsWith("ECS AMI release 20210316").endsWith(", agent 1.51.0");
        assertThat(checked.outcomes()).extracting(NewAmiCheck.Outcome::target, NewAmiCheck.Outcome::action)
                .contains(org.assertj.core.groups.Tuple.tuple("demo", NewAmiCheck.Action.NOTIFIED));
    }

    @Test
    void signedV2NotificationSentAsJsonTriggersTheAmiCheck() {
        TestMessage message = Announcements.notification(Instant.now()).set("SignatureVersion", "2")
                .signWith(pki.sns.key());

        post(message, "application/json").statusCode(200);

        assertThat(awaitChecked(message.get("MessageId")).outcomes()).extracting(NewAmiCheck.Outcome::target)
                .contains("demo");
    }

    @Test
    void messageWhoseSigningCertificateIsNotCachedYetIsAccepted() {
        TestMessage message = Announcements.notification(Instant.now())
                .set("SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-"
                        + UUID.randomUUID() + ".pem")
                .signWith(pki.sns.key());

        post(message, SNS_TEXT_PLAIN).statusCode(200).body("status", equalTo("accepted"));

        awaitChecked(message.get("MessageId"));
    }

    @Test
    void notificationLargerThanTheInputBufferIsAccepted() {
        TestMessage message = Announcements.notification(Instant.now())
                .set("Message", Announcements.fixture() + " ".repeat(100 * 1024)).signWith(pki.sns.key());

        post(message, SNS_TEXT_PLAIN).statusCode(200).body("status", equalTo("accepted"));

        awaitChecked(message.get("MessageId"));
    }

    @Test
    void redeliveredMessageIsAcknowledgedWithoutASecondAmiCheck() {
        TestMessage message = Announcements.signedNotification(Instant.now());
        post(message, SNS_TEXT_PLAIN).statusCode(200);
        awaitChecked(message.get("MessageId"));

        post(message, SNS_TEXT_PLAIN).statusCode(200).body("status", equalTo("duplicate"));

        assertNothingMoreHandled(message.get("MessageId"), 1);
    }

    @Test
    void tamperedMessageIsRefusedAsForgedWithProblemDetails() {
        TestMessage message = Announcements.signedNotification(Instant.now())
                .set("Message", Announcements.fixture().replace("20210316", "20991231"));

        post(message, SNS_TEXT_PLAIN)
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:ecs-ami-operator:problem:sns:bad-signature"))
                .body("title", equalTo("SNS signature does not verify"))
                .body("status", equalTo(403))
                .body("detail", startsWith("Signature"));
        assertNothingMoreHandled(message.get("MessageId"), 0);
    }

    @Test
    void unsupportedSignatureVersionIsRefused() {
        TestMessage message = Announcements.notification(Instant.now()).set("SignatureVersion", "3")
                .signWith(pki.sns.key());

        post(message, SNS_TEXT_PLAIN).statusCode(400)
                .body("type", equalTo("urn:ecs-ami-operator:problem:sns:unsupported-signature-version"))
                .body("detail", startsWith("SignatureVersion"));
        assertNothingMoreHandled(message.get("MessageId"), 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://sns.us-west-2.amazonaws.com.evil.example/SimpleNotificationService-1.pem",
        "http://sns.us-west-2.amazonaws.com/SimpleNotificationService-1.pem"})
    void signingCertificateFromAnUntrustedUrlIsRefused(String certUrl) {
        TestMessage message = Announcements.notification(Instant.now()).set("SigningCertURL", certUrl)
                .signWith(pki.sns.key());

        post(message, SNS_TEXT_PLAIN).statusCode(403)
                .body("type", equalTo("urn:ecs-ami-operator:problem:sns:cert-url-not-allowed"));
        assertNothingMoreHandled(message.get("MessageId"), 0);
    }

    @Test
    void messageSignedWithAnExpiredCertificateIsRefused() {
        TestMessage message = Announcements.notification(Instant.now())
                .set("SigningCertURL", IngestTestBeans.EXPIRED_CERT_URL).signWith(pki.expiredSns.key());

        post(message, SNS_TEXT_PLAIN).statusCode(403)
                .body("type", equalTo("urn:ecs-ami-operator:problem:sns:cert-invalid"));
        assertNothingMoreHandled(message.get("MessageId"), 0);
    }

    @Test
    void notificationFromAnotherTopicIsRefused() {
        TestMessage message = Announcements.notification(Instant.now())
                .set("TopicArn", "arn:aws:sns:us-east-1:123456789012:someone-elses-topic").signWith(pki.sns.key());

        post(message, SNS_TEXT_PLAIN).statusCode(403)
                .body("type", equalTo("urn:ecs-ami-operator:problem:sns:topic-not-allowed"))
                .body("detail", startsWith("TopicArn"));
        assertNothingMoreHandled(message.get("MessageId"), 0);
    }

    @Test
    void replayOfAnOldMessageIsRefused() {
        TestMessage message = Announcements.signedNotification(Instant.now().minus(Duration.ofHours(2)));

        post(message, SNS_TEXT_PLAIN).statusCode(400)
                .body("type", equalTo("urn:ecs-ami-operator:problem:sns:stale-timestamp"))
                .body("detail", startsWith("Timestamp"));
        assertNothingMoreHandled(message.get("MessageId"), 0);
    }

    @Test
    void malformedJsonIsRefusedWithProblemDetails() {
        given().contentType(SNS_TEXT_PLAIN).body("{\"Type\": \"Notification\",").post("/sns")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:ecs-ami-operator:problem:sns:malformed"))
                .body("title", equalTo("Malformed SNS message"))
                .body("status", equalTo(400))
                .body("detail", startsWith("body: not valid JSON"));
    }

    @Test
    void oversizedBodyIsRefusedWith413() {
        byte[] body = new byte[256 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');

        given().contentType(SNS_TEXT_PLAIN).body(body).post("/sns")
                .then()
                .statusCode(413)
                .body("type", equalTo("urn:ecs-ami-operator:problem:sns:body-too-large"))
                .body("detail", startsWith("Content-Length: 262145 bytes"));
    }

    @Test
    void oversizedBodyWithoutContentLengthIsRefusedWith413() throws Exception {
        byte[] body = new byte[256 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        HttpRequest chunked = HttpRequest.newBuilder(sns).header("Content-Type", SNS_TEXT_PLAIN)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("urn:ecs-ami-operator:problem:sns:body-too-large");
    }

    @Test
    void messageTypeHeaderContradictingTheBodyIsRefused() {
        TestMessage message = Announcements.signedNotification(Instant.now());

        given().contentType(SNS_TEXT_PLAIN).header("x-amz-sns-message-type", "SubscriptionConfirmation")
                .body(message.body()).post("/sns")
                .then()
                .statusCode(400)
                .body("detail", startsWith("x-amz-sns-message-type"));
        assertNothingMoreHandled(message.get("MessageId"), 0);
    }

    @Test
    void subscriptionConfirmationForTheAllowedTopicIsConfirmed() {
        TestMessage message = TestMessage.subscriptionConfirmation(Instant.now())
                .set("TopicArn", Announcements.TOPIC)
                .set("MessageId", UUID.randomUUID().toString())
                .signWith(pki.sns.key());

        given().contentType(SNS_TEXT_PLAIN).header("x-amz-sns-message-type", "SubscriptionConfirmation")
                .body(message.body()).post("/sns")
                .then().statusCode(200);

        Handled result = Eventually.value("the confirmation", () -> latest(message.get("MessageId")));
        assertThat(result).isInstanceOf(Handled.Confirmed.class);
        assertThat(confirmer.confirmed()).extracting(SubscriptionConfirmer.PendingSubscription::token)
                .contains(message.get("Token"));
    }

    private ValidatableResponse post(TestMessage message, String contentType) {
        return given().contentType(contentType).header("x-amz-sns-message-type", message.get("Type"))
                .body(message.body()).post("/sns").then();
    }

    private Handled.Checked awaitChecked(String messageId) {
        Handled handled = Eventually.value("handling of " + messageId, () -> latest(messageId));
        assertThat(handled).isInstanceOf(Handled.Checked.class);
        return (Handled.Checked) handled;
    }

    private Optional<Handled> latest(String messageId) {
        return journal.entriesFor(messageId).stream().reduce((first, second) -> second)
                .map(IngestJournal.Entry::result);
    }

    /**
     * Work is handled in arrival order on one thread, so once a later valid message was handled,
     * anything the earlier request queued was handled too.
     */
    private void assertNothingMoreHandled(String messageId, int expectedEntries) {
        TestMessage barrier = Announcements.signedNotification(Instant.now());
        post(barrier, SNS_TEXT_PLAIN).statusCode(200);
        awaitChecked(barrier.get("MessageId"));
        assertThat(journal.entriesFor(messageId)).hasSize(expectedEntries);
    }
}
