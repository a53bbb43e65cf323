package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.sns.TestMessage;
import dev.ecsami.operator.ingest.sns.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Test inputs: the recorded ECS AMI announcement and SNS envelopes carrying it. */
final class Announcements {

    /** The default allowed topic with {@code operator.sns.region} at its default. */
    static final String TOPIC = "arn:aws:sns:us-east-1:177427601217:ecs-optimized-amazon-ami-update";

    private Announcements() {
    }

    static String fixture() {
        try (InputStream in = Announcements.class.getResourceAsStream("/ingest/ami/ecs-ami-update.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An unsigned notification of the fixture with a fresh MessageId, stamped {@code at}. */
    static TestMessage notification(Instant at) {
        return TestMessage.notification(at)
                .set("TopicArn", TOPIC)
                .set("MessageId", UUID.randomUUID().toString())
                .set("Message", fixture());
    }

    /** A notification of the fixture stamped {@code at} and signed (version 1) by the SNS leaf. */
    static TestMessage signedNotification(Instant at) {
        return notification(at).signWith(TestPki.get().sns.key());
    }
}
