package dev.ecsami.operator.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;
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
    private Optional<SqsAmiQueuePoller> poller = Optional.empty();
    private Optional<SqsClient> sqsClient = Optional.empty();

    public IngestStartup(SnsConfig sns, SqsConfig sqs, EnvelopeGate gate, Instance<TopicSubscriber> subscriber,
            MessageHandling handling) {
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
        sns.endpointUrl().ifPresent(this::subscribe);
        sqs.queueUrl().ifPresent(this::startPoller);
    }

    void stop(@Observes ShutdownEvent event) {
        poller.ifPresent(SqsAmiQueuePoller::close);
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

    private void startPoller(String queueUrl) {
        SqsClientBuilder builder = SqsClient.builder()
                .region(Region.of(sqs.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        sqs.endpoint().ifPresent(builder::endpointOverride);
        SqsClient client = builder.build();
        SqsAmiQueuePoller started = new SqsAmiQueuePoller(client, queueUrl,
                new AmiQueueMessageHandler(gate, handling),
                new SqsAmiQueuePoller.Settings(sqs.waitTime(), sqs.visibilityTimeout(), sqs.maxReceives()));
        started.start();
        sqsClient = Optional.of(client);
        poller = Optional.of(started);
        LOG.infof("polling SQS queue %s for AMI announcements", queueUrl);
    }
}
