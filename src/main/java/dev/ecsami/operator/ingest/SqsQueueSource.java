package dev.ecsami.operator.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The SQS source: long-polls each configured queue (AMI announcements, lifecycle and Spot messages, or
 * both) on its own daemon thread and hands every message to one handler. A message is deleted only
 * once fully handled; while handling runs its visibility is extended. A message that keeps failing is
 * left alone after {@code maxReceives} receives, for the queue's redrive policy to move to the
 * dead-letter queue. The poll loops are this component's scheduler: each blocks in ReceiveMessage and,
 * after an error, waits before retrying.
 */
public final class SqsQueueSource implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SqsQueueSource.class);
    private static final int MAX_MESSAGES = 10;
    private static final Duration ERROR_BACKOFF_MAX = Duration.ofMinutes(1);

    /** @param waitTime long-poll wait, 0..20 s; @param visibilityTimeout per receive and per extension */
    public record Settings(Duration waitTime, Duration visibilityTimeout, int maxReceives) {
        public Settings {
            Objects.requireNonNull(waitTime, "waitTime");
            Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
            if (waitTime.isNegative() || waitTime.compareTo(Duration.ofSeconds(20)) > 0) {
                throw new IllegalArgumentException("operator.sqs.wait-time must be 0s..20s but was " + waitTime);
            }
            if (visibilityTimeout.compareTo(Duration.ofSeconds(1)) < 0
                    || visibilityTimeout.compareTo(Duration.ofHours(12)) > 0) {
                throw new IllegalArgumentException(
                        "operator.sqs.visibility-timeout must be 1s..12h but was " + visibilityTimeout);
            }
            if (maxReceives < 1) {
                throw new IllegalArgumentException("operator.sqs.max-receives must be 1 or more but was " + maxReceives);
            }
        }
    }

    /** Handles the body of one message of {@code queueUrl}; anything but {@link Handled.Failed} deletes it. */
    @FunctionalInterface
    public interface Handler {
        Handled handle(String queueUrl, String messageId, String body);
    }

    private final SqsClient sqs;
    private final List<String> queueUrls;
    private final Handler handler;
    private final Settings settings;
    private final ScheduledExecutorService extender;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Thread> loops = new ArrayList<>();

    public SqsQueueSource(SqsClient sqs, List<String> queueUrls, Handler handler, Settings settings) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrls = List.copyOf(queueUrls);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.extender = Executors.newSingleThreadScheduledExecutor(work -> daemon(work, "sqs-visibility"));
    }

    /** Starts one poll loop per queue, each on its own daemon thread. */
    public synchronized void start() {
        if (loops.isEmpty()) {
            for (String queueUrl : queueUrls) {
                Thread loop = daemon(() -> pollUntilStopped(queueUrl), "sqs-poller-" + loops.size());
                loops.add(loop);
                loop.start();
            }
        }
    }

    /** One ReceiveMessage call on each queue and the handling of what it returned; the messages received. */
    public int pollOnce() {
        int received = 0;
        for (String queueUrl : queueUrls) {
            received += pollOnce(queueUrl);
        }
        return received;
    }

    private int pollOnce(String queueUrl) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(MAX_MESSAGES)
                .waitTimeSeconds((int) settings.waitTime().toSeconds())
                .visibilityTimeout((int) settings.visibilityTimeout().toSeconds())
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
        for (Message message : messages) {
            process(queueUrl, message);
        }
        return messages.size();
    }

    private void process(String queueUrl, Message message) {
        int receives = receiveCount(message);
        if (receives > settings.maxReceives()) {
            LOG.errorf("SQS message %s was received %d times (max-receives %d); leaving it for the redrive policy"
                    + " / dead-letter queue", message.messageId(), receives, settings.maxReceives());
            return;
        }
        Handled result = handleWhileExtending(queueUrl, message);
        if (!result.wantsRedelivery()) {
            sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            return;
        }
        String why = ((Handled.Failed) result).why();
        if (receives >= settings.maxReceives()) {
            LOG.errorf("SQS message %s failed on receive %d of %d and is left for the dead-letter queue: %s",
                    message.messageId(), receives, settings.maxReceives(), why);
        } else {
            LOG.warnf("SQS message %s failed on receive %d of %d; it becomes visible again after %s: %s",
                    message.messageId(), receives, settings.maxReceives(), settings.visibilityTimeout(), why);
        }
    }

    private Handled handleWhileExtending(String queueUrl, Message message) {
        long every = Math.max(1, settings.visibilityTimeout().toMillis() / 2);
        ScheduledFuture<?> extension = extender.scheduleAtFixedRate(() -> extend(queueUrl, message), every, every,
                TimeUnit.MILLISECONDS);
        try {
            return handler.handle(queueUrl, message.messageId(), message.body());
        } catch (RuntimeException e) {
            LOG.errorf(e, "handling SQS message %s threw", message.messageId());
            return new Handled.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            extension.cancel(false);
        }
    }

    private void extend(String queueUrl, Message message) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) settings.visibilityTimeout().toSeconds()));
        } catch (SdkException e) {
            LOG.warnf("could not extend the visibility of SQS message %s: %s", message.messageId(), e.getMessage());
        }
    }

    private void pollUntilStopped(String queueUrl) {
        Duration backoff = Duration.ofSeconds(1);
        while (stopped.getCount() > 0) {
            try {
                pollOnce(queueUrl);
                backoff = Duration.ofSeconds(1);
            } catch (RuntimeException e) {
                LOG.warnf("polling %s failed; retrying in %s: %s", queueUrl, backoff, e.getMessage());
                if (awaitStop(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(ERROR_BACKOFF_MAX) > 0 ? ERROR_BACKOFF_MAX
                        : backoff.multipliedBy(2);
            }
        }
    }

    private boolean awaitStop(Duration wait) {
        try {
            return stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static int receiveCount(Message message) {
        String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        try {
            return count == null ? 1 : Integer.parseInt(count);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public synchronized void close() {
        stopped.countDown();
        loops.forEach(Thread::interrupt);
        extender.shutdownNow();
    }
}
