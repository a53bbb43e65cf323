package dev.ecsami.operator.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.runtime.Leadership;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Start-up of message ingest: builds the gate (so bad settings stop start-up), warns loudly when
 * signatures are not checked, subscribes {@code endpoint-url} to the topics and starts the SQS
 * poller when a queue is configured.
 */
@ApplicationScoped
public class IngestStartup {

    private static final Logger LOG = Logger.getLogger(IngestStartup.class);

    private final SnsConfig sns;
    private final SqsConfig sqs;
    private final EnvelopeGate gate;
    private final Instance<TopicSubscriber> subscriber;
    private final MessageHandling handling;
    private final OperatorConfig.Lifecycle lifecycle;
    private final Instance<DrainRunner> drains;
    private final Leadership leadership;
    private final List<SqsAmiQueuePoller> pollers = new ArrayList<>();
    private Optional<SqsClient> sqsClient = Optional.empty();

    public IngestStartup(SnsConfig sns, SqsConfig sqs, EnvelopeGate gate, Instance<TopicSubscriber> subscriber,
            MessageHandling handling, OperatorConfig config, Instance<DrainRunner> drains, Leadership leadership) {
        this.lifecycle = config.lifecycle();
        this.drains = drains;
        this.leadership = leadership;
        this.sns = sns;
        this.sqs = sqs;
        this.gate = gate;
        this.subscriber = subscriber;
        this.handling = handling;
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
        Set<String> lifecycleQueues = lifecycle.enabled()
                ? new LinkedHashSet<>(lifecycle.queueUrls().orElse(List.of())) : Set.of();
        Set<String> queues = new LinkedHashSet<>();
        sqs.queueUrl().ifPresent(queues::add);
        queues.addAll(lifecycleQueues);
        for (String queue : queues) {
            boolean ami = sqs.queueUrl().filter(queue::equals).isPresent();
            QueueMessageHandler amiHandler = new AmiQueueMessageHandler(gate, handling);
            QueueMessageHandler handler = !lifecycleQueues.contains(queue) ? amiHandler
                    : new LifecycleQueueMessageHandler(new LifecycleMessages(lifecycle.drainOnRebalanceRecommendation()),
                    drains.get(), leadership, ami ? Optional.of(amiHandler) : Optional.empty());
            startPoller(queue, handler, (ami ? "AMI announcements" : "")
                    + (ami && lifecycleQueues.contains(queue) ? " and " : "")
                    + (lifecycleQueues.contains(queue) ? "lifecycle and Spot messages" : ""));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        pollers.forEach(SqsAmiQueuePoller::close);
        sqsClient.ifPresent(SqsClient::close);
    }

    private void subscribe(String endpointUrl) {
        for (String topic : sns.allowedTopicArns()) {
            TopicSubscriber.Outcome result = subscriber.get().ensureSubscribed(topic, endpointUrl);
            if (result instanceof TopicSubscriber.Outcome.Failed failed) {
                LOG.errorf("could not subscribe %s to %s: %s", endpointUrl, topic, failed.detail());
            } else {
                LOG.infof("subscription of %s to %s: %s", endpointUrl, topic, result);
            }
        }
    }

    private void startPoller(String queueUrl, QueueMessageHandler handler, String what) {
        SqsClient client = sqsClient.orElseGet(this::client);
        SqsAmiQueuePoller started = new SqsAmiQueuePoller(client, queueUrl, handler,
                new SqsAmiQueuePoller.Settings(sqs.waitTime(), sqs.visibilityTimeout(), sqs.maxReceives()));
        started.start();
        sqsClient = Optional.of(client);
        pollers.add(started);
        LOG.infof("polling SQS queue %s for %s", queueUrl, what);
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
