package dev.ecsami.operator.ingest.sns;

import static dev.ecsami.operator.ingest.sns.SnsIngestSignatureTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.ingest.sns.Verdict.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link SnsGate#acceptWithoutWaiting}: the same verdicts as accept, unless a certificate download is needed. */
class SnsIngestWithoutWaitingTest {

    private final IngestWorld world = new IngestWorld();
    private final CachingCertificateFetcher cache =
            new CachingCertificateFetcher(world.certificates, 10, Duration.ofHours(24), world.clock);
    private final SnsGate ingest = SnsGate.verifying(
            new SnsMessageVerifier(CertUrlPolicy.aws(), cache, Set.of(TestMessage.TOPIC), IngestWorld.TOLERANCE,
                    world.clock), world.seenIds);

    @Test
    void messageWhoseCertificateIsNotCachedIsLeftUndecidedAndNotRecorded() {
        TestMessage message = signedNotification();

        assertThat(ingest.acceptWithoutWaiting(message.body())).isEmpty();

        assertThat(world.certificates.requested).isEmpty();
        assertThat(world.seenIds.size()).isZero();
        assertThat(ingest.accept(message.body())).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void onceTheCertificateIsCachedEveryVerdictIsReachedWithoutWaiting() {
        ingest.accept(signedNotification().body());
        TestMessage message = signedNotification();

        assertThat(ingest.acceptWithoutWaiting(message.body())).containsInstanceOf(Verdict.Valid.class);
        assertThat(ingest.acceptWithoutWaiting(message.body())).containsInstanceOf(Verdict.Duplicate.class);
        assertRejected(ingest.acceptWithoutWaiting(signedNotification().set("Message", "{}").body()).orElseThrow(),
                Reason.BAD_SIGNATURE);
        assertThat(world.certificates.requested).hasSize(1);
    }

    @Test
    void refusalsThatNeedNoCertificateAreReachedWithoutIt() {
        TestMessage otherTopic = TestMessage.notification(world.now())
                .set("TopicArn", "arn:aws:sns:us-west-2:123456789012:other").signWith(world.pki.sns.key());

        assertRejected(ingest.acceptWithoutWaiting(otherTopic.body()).orElseThrow(), Reason.TOPIC_NOT_ALLOWED);
        assertRejected(ingest.acceptWithoutWaiting("{".getBytes(StandardCharsets.UTF_8)).orElseThrow(), Reason.MALFORMED);
    }

    private TestMessage signedNotification() {
        return TestMessage.notification(world.now()).set("MessageId", UUID.randomUUID().toString())
                .signWith(world.pki.sns.key());
    }
}
