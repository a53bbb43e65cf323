package dev.ecsami.operator.ingest.sns;

import static dev.ecsami.operator.ingest.sns.SnsIngestSignatureTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsami.operator.ingest.sns.Verdict.Reason;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnsIngestDuplicateTest {

    private final IngestWorld world = new IngestWorld();

    @Test
    void secondDeliveryOfTheSameMessageIsADuplicate() {
        TestMessage message = world.signedNotification();

        assertThat(world.accept(message)).isInstanceOf(Verdict.Valid.class);
        world.clock.advance(Duration.ofSeconds(20));
        Verdict second = world.accept(message);

        assertThat(second).isInstanceOfSatisfying(Verdict.Duplicate.class,
                duplicate -> assertThat(duplicate.envelope().messageId()).isEqualTo(message.get("MessageId")));
        assertThat(world.seenIds.size()).isEqualTo(1);
    }

    @Test
    void forgedCopyArrivingFirstDoesNotMaskTheGenuineMessage() {
        TestMessage genuine = world.signedNotification();
        TestMessage forged = world.signedNotification().set("Message", "{\"forged\":true}");
        assertThat(forged.get("MessageId")).isEqualTo(genuine.get("MessageId"));

        assertRejected(world.accept(forged), Reason.BAD_SIGNATURE);

        assertThat(world.accept(genuine)).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void messageWhoseHandlingFailedIsAcceptedAgainOnRetry() {
        TestMessage message = world.signedNotification();
        Verdict first = world.accept(message);

        world.ingest.handlingFailed(((Verdict.Valid) first).envelope());

        assertThat(world.accept(message)).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void replayAfterTheIdWasForgottenIsStillRefusedAsStale() {
        TestMessage message = world.signedNotification();
        assertThat(world.accept(message)).isInstanceOf(Verdict.Valid.class);

        world.clock.advance(IngestWorld.RETENTION);

        assertThat(world.seenIds.size()).isZero();
        assertRejected(world.accept(message), Reason.STALE_TIMESTAMP);
    }

    @Test
    void ingestRefusesARetentionThatCouldForgetAnIdWhileItsReplayIsStillFresh() {
        SnsMessageVerifier verifier = new SnsMessageVerifier(CertUrlPolicy.aws(), world.certificates,
                Set.of(TestMessage.TOPIC), Duration.ofHours(1), world.clock);
        MessageIdDeduplicator shortMemory = new MessageIdDeduplicator(10, Duration.ofMinutes(119), world.clock);

        assertThatThrownBy(() -> SnsGate.verifying(verifier, shortMemory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention");
    }
}
