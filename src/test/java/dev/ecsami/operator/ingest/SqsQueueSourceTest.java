package dev.ecsami.operator.ingest;

import dev.ecsami.operator.store.TestJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.ingest.sns.CertUrlPolicy;
import dev.ecsami.operator.ingest.sns.CertificateFetcher;
import dev.ecsami.operator.ingest.sns.MessageIdDeduplicator;
import dev.ecsami.operator.testing.MutableClock;
import dev.ecsami.operator.ingest.MessageKind.Feed;
import dev.ecsami.operator.ingest.sns.SnsGate;
import dev.ecsami.operator.ingest.sns.SnsMessageVerifier;
import dev.ecsami.operator.ingest.sns.TestMessage;
import dev.ecsami.operator.ingest.sns.TestPki;
import dev.ecsami.operator.testing.PerClass;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The poller against ElasticMQ on loopback. The AMI check is a fake that records its triggers; the
 * gate is the production one with the test PKI's SNS certificate published.
 */
class SqsQueueSourceTest {

    private static final Duration VISIBILITY = Duration.ofSeconds(1);
    private static final SqsQueueSource.Settings SETTINGS =
            new SqsQueueSource.Settings(Duration.ofSeconds(1), VISIBILITY, 2);

    @RegisterExtension
    static final PerClass<LoopbackSqs> ELASTIC_MQ = new PerClass<>(LoopbackSqs::start);


    private final TestPki pki = TestPki.get();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final List<Trigger> amiChecks = new CopyOnWriteArrayList<>();
    private final IngestJournal journal = new IngestJournal(100);
    private String queueUrl;
    private SqsQueueSource poller;

    @BeforeEach
    void createQueue() {
        queueUrl = ELASTIC_MQ.get().client().createQueue(r -> r.queueName("ami-" + UUID.randomUUID())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(VISIBILITY.toSeconds()))))
                .queueUrl();
    }

    @AfterEach
    void closePoller() {
        if (poller != null) {
            poller.close();
        }
    }

    @Test
    void rawAnnouncementIsHandledAndDeleted() {
        poller = productionPoller();
        String sqsMessageId = send(Announcements.fixture());

        pollUntil(() -> !amiChecks.isEmpty());

        assertThat(amiChecks).singleElement().satisfies(trigger -> {
            assertThat(trigger.kind()).isEqualTo(Trigger.Kind.SQS);
            assertThat(trigger.source()).isEqualTo(sqsMessageId);
        });
        assertThat(messagesLeft()).isZero();
    }

    @Test
    void snsEnvelopeIsVerifiedHandledAndDeleted() {
        poller = productionPoller();
        TestMessage envelope = Announcements.signedNotification(clock.instant());
        send(new String(envelope.body(), StandardCharsets.UTF_8));

        pollUntil(() -> !amiChecks.isEmpty());

        assertThat(amiChecks).singleElement().satisfies(trigger ->
                assertThat(trigger.source()).isEqualTo(envelope.get("MessageId")));
        assertThat(messagesLeft()).isZero();
    }

    @Test
    void forgedSnsEnvelopeIsDeletedWithoutAnAmiCheck() {
        poller = productionPoller();
        TestMessage forged = Announcements.signedNotification(clock.instant()).set("Subject", "changed in transit");
        String sqsMessageId = send(new String(forged.body(), StandardCharsets.UTF_8));

        pollUntil(() -> messagesLeft() == 0);

        assertThat(amiChecks).isEmpty();
        assertThat(journal.entriesFor(sqsMessageId)).singleElement()
                .extracting(IngestJournal.Entry::result).isInstanceOf(Handled.Ignored.class);
    }

    @Test
    void malformedMessageIsAcknowledgedOnceInsteadOfRetried() {
        poller = productionPoller();
        String sqsMessageId = send("this is not an AMI announcement");

        pollUntil(() -> messagesLeft() == 0);

        assertThat(amiChecks).isEmpty();
        assertThat(journal.entriesFor(sqsMessageId)).singleElement()
                .extracting(IngestJournal.Entry::result).isInstanceOf(Handled.Ignored.class);
    }

    @Test
    void failingMessageStaysQueuedAndIsLeftForTheDeadLetterQueueAfterMaxReceives() {
        AtomicInteger attempts = new AtomicInteger();
        poller = new SqsQueueSource(ELASTIC_MQ.get().client(), List.of(queueUrl), (queue, id, body) -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("handler broken");
        }, SETTINGS);
        send(Announcements.fixture());

        pollUntil(() -> attempts.get() == SETTINGS.maxReceives());
        Eventually.value("a receive beyond max-receives",
                () -> poller.pollOnce() > 0 ? Optional.of(true) : Optional.empty());

        assertThat(attempts).hasValue(SETTINGS.maxReceives());
        assertThat(messagesLeft()).isEqualTo(1);
    }

    @Test
    void slowHandlingKeepsTheMessageInvisibleUntilItIsDeleted() {
        List<Integer> seenByOthers = new CopyOnWriteArrayList<>();
        poller = new SqsQueueSource(ELASTIC_MQ.get().client(), List.of(queueUrl), (queue, id, body) -> {
            for (int i = 0; i < 3; i++) {
                java.util.concurrent.locks.LockSupport.parkNanos(VISIBILITY.toNanos());
                seenByOthers.add(ELASTIC_MQ.get().client().receiveMessage(r -> r.queueUrl(queueUrl).waitTimeSeconds(0)).messages().size());
            }
            return new Handled.Ignored("done");
        }, SETTINGS);
        send(Announcements.fixture());

        pollUntil(() -> seenByOthers.size() == 3);

        assertThat(seenByOthers).containsOnly(0);
        assertThat(messagesLeft()).isZero();
    }

    private SqsQueueSource productionPoller() {
        TestPki.Leaf sns = pki.sns;
        CertificateFetcher published = url -> URI.create(TestMessage.CERT_URL).equals(url)
                ? new CertificateFetcher.Result.Fetched(sns.certificate())
                : new CertificateFetcher.Result.Failed("404");
        SnsGate gate = SnsGate.verifying(
                new SnsMessageVerifier(CertUrlPolicy.aws(), published, Set.of(Announcements.TOPIC),
                        Duration.ofHours(1), clock),
                new MessageIdDeduplicator(100, Duration.ofHours(3), clock));
        IngestDispatcher dispatcher = new IngestDispatcher(TestJson.MAPPER, trigger -> {
            amiChecks.add(trigger);
            return List.of();
        }, pending -> new SubscriptionConfirmer.Confirmation.Failed("not in this test"), true,
                IngestDispatcherTest.NO_DRAINS, gate, journal, clock);
        return new SqsQueueSource(ELASTIC_MQ.get().client(), List.of(queueUrl),
                (queue, id, body) -> dispatcher.fromQueue(id, body, Set.of(Feed.AMI, Feed.SUBSCRIPTION)), SETTINGS);
    }

    private String send(String body) {
        return ELASTIC_MQ.get().client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    private void pollUntil(java.util.function.BooleanSupplier done) {
        Eventually.value("the queue to be handled", () -> {
            poller.pollOnce();
            return done.getAsBoolean() ? Optional.of(true) : Optional.empty();
        });
    }

    private int messagesLeft() {
        Map<QueueAttributeName, String> attributes = ELASTIC_MQ.get().client().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
