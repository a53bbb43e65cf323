package dev.ecsami.operator.ingest;

import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.ingest.MessageKind.Feed;
import dev.ecsami.operator.ingest.sns.SnsGate;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Start-up of message ingest: builds the gate (so bad settings stop start-up), says plainly that the
 * AMI topic is not the trigger to count on, warns loudly when signatures are not checked, subscribes
 * {@code endpoint-url} to the topics and starts the SQS source over every configured queue.
 */
@ApplicationScoped
public class IngestStartup {

    private static final Logger LOG = Logger.getLogger(IngestStartup.class);

    private final SnsConfig sns;
    private final SqsConfig sqs;
    private final SnsGate gate;
    private final Instance<SnsSubscriptions> subscriptions;
    private final IngestDispatcher dispatcher;
    private final OperatorConfig.Lifecycle lifecycle;
    private Optional<SqsQueueSource> source = Optional.empty();
    private Optional<SqsClient> sqsClient = Optional.empty();

    public IngestStartup(SnsConfig sns, SqsConfig sqs, SnsGate gate, Instance<SnsSubscriptions> subscriptions,
                         IngestDispatcher dispatcher, OperatorConfig config) {
        this.sns = sns;
        this.sqs = sqs;
        this.gate = gate;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
        this.lifecycle = config.lifecycle();
    }

    void start(@Observes StartupEvent event) {
        if (!sns.verifySignatures()) {
            LOG.warn("!!! operator.sns.verify-signatures=false: SNS signatures are NOT checked; anyone who can"
                    + " reach /sns or the queue can trigger AMI checks. Never run like this in production. !!!");
        }
        LOG.infof("SNS ingest accepts topics %s (max body %d bytes)", sns.allowedTopicArns(), gate.maxBodyBytes());
        LOG.info("AWS stopped documenting the Linux ECS-optimized AMI SNS topic in 2021 and calls it deprecated;"
                + " the periodic SSM parameter check (operator.ami-check.interval) is the trigger to count on."
                + " SNS/SQS announcements stay supported for those who still receive them and for the Windows topic.");
        sns.endpointUrl().ifPresent(this::subscribe);
        Map<String, Set<Feed>> feeds = queueFeeds();
        if (!feeds.isEmpty()) {
            SqsClient client = client();
            sqsClient = Optional.of(client);
            SqsQueueSource started = new SqsQueueSource(client, List.copyOf(feeds.keySet()),
                    (queue, id, body) -> dispatcher.fromQueue(id, body, feeds.get(queue)),
                    new SqsQueueSource.Settings(sqs.waitTime(), sqs.visibilityTimeout(), sqs.maxReceives()));
            started.start();
            source = Optional.of(started);
            feeds.forEach((queue, taken) -> LOG.infof("polling SQS queue %s for %s", queue, taken));
        }
    }

    /**
     * What each queue is read for: the AMI queue for announcements (and the confirmation of its SNS
     * subscription), each lifecycle queue for lifecycle and Spot messages; a queue that is both is
     * polled once, for both.
     */
    private Map<String, Set<Feed>> queueFeeds() {
        Map<String, Set<Feed>> feeds = new LinkedHashMap<>();
        sqs.queueUrl().ifPresent(q -> feeds.computeIfAbsent(q, k -> EnumSet.noneOf(Feed.class))
                .addAll(List.of(Feed.AMI, Feed.SUBSCRIPTION)));
        if (lifecycle.enabled()) {
            lifecycle.queueUrls().orElse(List.of()).forEach(q -> feeds.computeIfAbsent(q,
                    k -> EnumSet.noneOf(Feed.class)).add(Feed.LIFECYCLE));
        }
        return feeds;
    }

    void stop(@Observes ShutdownEvent event) {
        source.ifPresent(SqsQueueSource::close);
        sqsClient.ifPresent(SqsClient::close);
    }

    private void subscribe(String endpointUrl) {
        for (String topic : sns.allowedTopicArns()) {
            SnsSubscriptions.Outcome result = subscriptions.get().ensureSubscribed(topic, endpointUrl);
            if (result instanceof SnsSubscriptions.Outcome.Failed failed) {
                LOG.errorf("could not subscribe %s to %s: %s", endpointUrl, topic, failed.detail());
            } else {
                LOG.infof("subscription of %s to %s: %s", endpointUrl, topic, result);
            }
        }
    }

    private SqsClient client() {
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(sqs.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        sqs.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
