package dev.ecsami.operator.ingest.sns;

import dev.ecsami.operator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The ingest pipeline wired with fakes. Inputs: the clock and the published certificates. Outputs:
 * the certificate URLs requested and the MessageIds recorded. The SNS certificate is published at
 * {@link TestMessage#CERT_URL}; the clock starts a day into its validity.
 */
final class IngestWorld {

    static final Duration TOLERANCE = Duration.ofHours(1);
    static final Duration RETENTION = Duration.ofHours(2);

    final TestPki pki = TestPki.get();
    final MutableClock clock = new MutableClock(pki.sns.certificate().getNotBefore().toInstant().plus(Duration.ofDays(1)));
    final RecordingCertificateFetcher certificates =
            new RecordingCertificateFetcher().publish(TestMessage.CERT_URL, pki.sns.certificate());
    final MessageIdDeduplicator seenIds = new MessageIdDeduplicator(1_000, RETENTION, clock);
    final SnsGate ingest = SnsGate.verifying(
            new SnsMessageVerifier(CertUrlPolicy.aws(), certificates, Set.of(TestMessage.TOPIC), TOLERANCE, clock),
            seenIds);

    Instant now() {
        return clock.instant();
    }

    Verdict accept(TestMessage message) {
        return ingest.accept(message.body());
    }

    /** A notification stamped now and correctly signed with the SNS leaf. */
    TestMessage signedNotification() {
        return TestMessage.notification(now()).signWith(pki.sns.key());
    }
}
