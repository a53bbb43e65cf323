package dev.ecsami.operator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.ingest.sns.MessageIdDeduplicator;
import dev.ecsami.operator.testing.MutableClock;
import dev.ecsami.operator.ingest.sns.SnsGate;
import dev.ecsami.operator.ingest.sns.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnverifiedGateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final SnsGate gate = SnsGate.unverified(Set.of(Announcements.TOPIC),
            new MessageIdDeduplicator(100, Duration.ofHours(3), clock));

    @Test
    void unsignedMessageForTheAllowedTopicIsAcceptedOnce() {
        byte[] body = Announcements.notification(clock.instant()).set("Signature", "AAAA").body();

        assertThat(gate.accept(body)).isInstanceOf(Verdict.Valid.class);
        assertThat(gate.accept(body)).isInstanceOf(Verdict.Duplicate.class);
    }

    @Test
    void topicIsStillCheckedWithoutSignatures() {
        byte[] body = Announcements.notification(clock.instant()).set("Signature", "AAAA")
                .set("TopicArn", "arn:aws:sns:us-east-1:123456789012:other").body();

        assertThat(gate.accept(body)).isInstanceOfSatisfying(Verdict.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(Verdict.Reason.TOPIC_NOT_ALLOWED));
    }

    @Test
    void failedHandlingLetsTheRedeliveryThrough() {
        byte[] body = Announcements.notification(clock.instant()).set("Signature", "AAAA").body();
        Verdict.Valid first = (Verdict.Valid) gate.accept(body);

        gate.handlingFailed(first.envelope());

        assertThat(gate.accept(body)).isInstanceOf(Verdict.Valid.class);
    }
}
