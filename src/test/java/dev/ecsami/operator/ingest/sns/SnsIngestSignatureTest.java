package dev.ecsami.operator.ingest.sns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.ingest.sns.Verdict.Reason;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnsIngestSignatureTest {

    private final IngestWorld world = new IngestWorld();

    @Test
    void version1NotificationSignedBySnsIsValid() {
        TestMessage message = world.signedNotification();

        Verdict verdict = world.accept(message);

        assertThat(verdict).isInstanceOfSatisfying(Verdict.Valid.class, valid -> {
            assertThat(valid.envelope().type()).isEqualTo(SnsEnvelope.Type.NOTIFICATION);
            assertThat(valid.envelope().message()).isEqualTo(message.get("Message"));
            assertThat(valid.envelope().subject()).contains("New ECS-optimized AMI");
            assertThat(valid.envelope().messageId()).isEqualTo(message.get("MessageId"));
        });
        assertThat(world.certificates.requested).containsExactly(URI.create(TestMessage.CERT_URL));
        assertThat(world.seenIds.size()).isEqualTo(1);
    }

    @Test
    void version2NotificationSignedWithSha256IsValid() {
        TestMessage message = TestMessage.notification(world.now()).set("SignatureVersion", "2")
                .signWith(world.pki.sns.key());

        assertThat(world.accept(message)).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void notificationWithoutSubjectIsValid() {
        TestMessage message = TestMessage.notification(world.now()).remove("Subject").signWith(world.pki.sns.key());

        assertThat(world.accept(message)).isInstanceOfSatisfying(Verdict.Valid.class,
                valid -> assertThat(valid.envelope().subject()).isEmpty());
    }

    @Test
    void subscriptionConfirmationSignedBySnsIsValidAndCarriesItsSubscribeUrl() {
        TestMessage message = TestMessage.subscriptionConfirmation(world.now()).signWith(world.pki.sns.key());

        assertThat(world.accept(message)).isInstanceOfSatisfying(Verdict.Valid.class, valid -> {
            assertThat(valid.envelope().type()).isEqualTo(SnsEnvelope.Type.SUBSCRIPTION_CONFIRMATION);
            assertThat(valid.envelope().subscribeUrl()).contains(message.get("SubscribeURL"));
            assertThat(valid.envelope().token()).contains(message.get("Token"));
        });
    }

    @Test
    void unsubscribeConfirmationSignedBySnsIsValid() {
        TestMessage message = TestMessage.subscriptionConfirmation(world.now()).set("Type", "UnsubscribeConfirmation")
                .signWith(world.pki.sns.key());

        assertThat(world.accept(message)).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void unknownEnvelopeFieldsAreToleratedAndDoNotAffectTheSignature() {
        TestMessage message = world.signedNotification().set("SomethingNew", "added by SNS later");

        assertThat(world.accept(message)).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void alteredMessageBodyIsRejectedAsBadSignatureAndNotRecorded() {
        TestMessage message = world.signedNotification().set("Message", "{\"ECSAgent\":{\"ReleaseVersion\":\"9.9.9\"}}");

        assertRejected(world.accept(message), Reason.BAD_SIGNATURE);
        assertThat(world.seenIds.size()).isZero();
    }

    @Test
    void alteredSubjectIsRejectedAsBadSignature() {
        TestMessage message = world.signedNotification().set("Subject", "Something else");

        assertRejected(world.accept(message), Reason.BAD_SIGNATURE);
    }

    @Test
    void subjectRemovedInTransitIsRejectedAsBadSignature() {
        TestMessage message = world.signedNotification().remove("Subject");

        assertRejected(world.accept(message), Reason.BAD_SIGNATURE);
    }

    @Test
    void confirmationWithSwappedSubscribeUrlIsRejectedAsBadSignature() {
        TestMessage message = TestMessage.subscriptionConfirmation(world.now()).signWith(world.pki.sns.key())
                .set("SubscribeURL", "https://sns.us-west-2.amazonaws.com/?Action=ConfirmSubscription&Token=evil");

        assertRejected(world.accept(message), Reason.BAD_SIGNATURE);
    }

    @Test
    void version1SignatureRelabelledAsVersion2IsRejectedAsBadSignature() {
        TestMessage message = world.signedNotification().set("SignatureVersion", "2");

        assertRejected(world.accept(message), Reason.BAD_SIGNATURE);
    }

    @Test
    void signatureByAnotherKeyIsRejectedAsBadSignature() {
        TestMessage message = TestMessage.notification(world.now()).signWith(world.pki.foreignName.key());

        assertRejected(world.accept(message), Reason.BAD_SIGNATURE);
    }

    @Test
    void expiredCertificateIsRejectedEvenWhenTheSignatureMatches() {
        world.clock.set(world.pki.sns.certificate().getNotAfter().toInstant().plus(Duration.ofMinutes(1)));

        Verdict verdict = world.accept(world.signedNotification());

        assertRejected(verdict, Reason.CERT_INVALID);
        assertThat(((Verdict.Rejected) verdict).detail()).contains("expired");
        assertThat(world.seenIds.size()).isZero();
    }

    @Test
    void certificateNotYetValidIsRejected() {
        world.clock.set(world.pki.sns.certificate().getNotBefore().toInstant().minus(Duration.ofMinutes(1)));

        assertRejected(world.accept(world.signedNotification()), Reason.CERT_INVALID);
    }

    @Test
    void certificateIssuedToAnotherNameIsRejectedEvenWhenItSignedTheMessage() {
        world.certificates.publish(TestMessage.CERT_URL, world.pki.foreignName.certificate());
        TestMessage message = TestMessage.notification(world.now()).signWith(world.pki.foreignName.key());

        Verdict verdict = world.accept(message);

        assertRejected(verdict, Reason.CERT_INVALID);
        assertThat(((Verdict.Rejected) verdict).detail()).contains("sns.amazonaws.com.evil.example");
    }

    @Test
    void certificateNamingSnsOnlyInItsSubjectAlternativeNameIsAccepted() {
        world.certificates.publish(TestMessage.CERT_URL, world.pki.sanOnly.certificate());
        TestMessage message = TestMessage.notification(world.now()).signWith(world.pki.sanOnly.key());

        assertThat(world.accept(message)).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void unavailableCertificateIsRejectedAndNotRecorded() {
        String unpublished = "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-rotated.pem";
        TestMessage message = TestMessage.notification(world.now()).set("SigningCertURL", unpublished)
                .signWith(world.pki.sns.key());

        assertRejected(world.accept(message), Reason.CERT_UNAVAILABLE);
        assertThat(world.certificates.requested).containsExactly(URI.create(unpublished));
        assertThat(world.seenIds.size()).isZero();
    }

    @Test
    void timestampExactlyAtTheToleranceIsStillAccepted() {
        TestMessage message = TestMessage.notification(world.now().minus(IngestWorld.TOLERANCE))
                .signWith(world.pki.sns.key());

        assertThat(world.accept(message)).isInstanceOf(Verdict.Valid.class);
    }

    static void assertRejected(Verdict verdict, Reason reason) {
        assertThat(verdict).isInstanceOfSatisfying(Verdict.Rejected.class,
                rejected -> assertThat(rejected.reason()).as(rejected.detail()).isEqualTo(reason));
    }
}
