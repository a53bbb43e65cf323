package dev.ecsami.operator.ingest.sns;

import dev.ecsami.operator.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageIdDeduplicatorTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2021-03-16T20:00:00Z"));
    private final MessageIdDeduplicator seen = new MessageIdDeduplicator(3, Duration.ofHours(2), clock);

    @Test
    void firstSightingIsReportedOnceThenRepeatsAreNot() {
        assertThat(seen.markFirstSighting("a")).isTrue();
        assertThat(seen.markFirstSighting("a")).isFalse();
        assertThat(seen.markFirstSighting("b")).isTrue();
    }

    @Test
    void idIsForgottenOnceTheRetentionHasPassed() {
        seen.markFirstSighting("a");

        clock.advance(Duration.ofHours(2).minusMillis(1));
        assertThat(seen.markFirstSighting("a")).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(seen.markFirstSighting("a")).isTrue();
    }

    @Test
    void repeatDoesNotExtendTheRetention() {
        seen.markFirstSighting("a");
        clock.advance(Duration.ofHours(1));
        seen.markFirstSighting("a");

        clock.advance(Duration.ofHours(1));

        assertThat(seen.markFirstSighting("a")).isTrue();
    }

    @Test
    void oldestIdIsDroppedWhenFull() {
        seen.markFirstSighting("a");
        seen.markFirstSighting("b");
        seen.markFirstSighting("c");

        seen.markFirstSighting("d");

        assertThat(seen.size()).isEqualTo(3);
        assertThat(seen.markFirstSighting("b")).isFalse();
        assertThat(seen.markFirstSighting("a")).isTrue();
    }

    @Test
    void forgottenIdIsAFirstSightingAgain() {
        seen.markFirstSighting("a");

        seen.forget("a");

        assertThat(seen.markFirstSighting("a")).isTrue();
    }

    @Test
    void aMessageDeliveredToTwoReplicasIsHandledByOne() {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-01T10:00:00Z"));
        dev.ecsami.operator.store.dynamo.DynamoTable table = dev.ecsami.operator.store.dynamo.DynamoTestTables.fresh();
        MessageIdDeduplicator a = new MessageIdDeduplicator(100, Duration.ofHours(1), clock,
                java.util.Optional.of(new dev.ecsami.operator.store.dynamo.DynamoSharedKeys(table, clock)));
        MessageIdDeduplicator b = new MessageIdDeduplicator(100, Duration.ofHours(1), clock,
                java.util.Optional.of(new dev.ecsami.operator.store.dynamo.DynamoSharedKeys(table, clock)));

        assertThat(a.markFirstSighting("m-1")).isTrue();
        assertThat(b.markFirstSighting("m-1")).isFalse();
        a.forget("m-1");
        assertThat(b.markFirstSighting("m-1")).isTrue();
    }
}
