package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.sns.CachingCertificateFetcher;
import dev.ecsami.operator.ingest.sns.CertUrlPolicy;
import dev.ecsami.operator.ingest.sns.CertificateFetcher;
import dev.ecsami.operator.ingest.sns.HttpsCertificateFetcher;
import dev.ecsami.operator.ingest.sns.MessageIdDeduplicator;
import dev.ecsami.operator.store.SharedKeys;
import dev.ecsami.operator.ingest.sns.SnsBodyLimit;
import dev.ecsami.operator.ingest.sns.SnsIngest;
import dev.ecsami.operator.ingest.sns.SnsMessageVerifier;
import dev.ecsami.operator.runtime.NewAmiCheck;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import dev.ecsami.operator.metrics.MeteredGate;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Wires message ingest. Message timestamps and certificate validity are wall-clock facts, so the
 * gate gets the system clock even when the simulated backend runs the operator in virtual time.
 */
@ApplicationScoped
public class IngestBeans {

    private static final int WORK_BACKLOG = 32;
    private static final int JOURNAL_SIZE = 100;
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final Clock wallClock = Clock.systemUTC();

    @Produces
    @Singleton
    CertUrlPolicy certUrlPolicy() {
        return CertUrlPolicy.aws();
    }

    @Produces
    @Singleton
    CertificateFetcher certificateFetcher(CertUrlPolicy policy, SnsConfig config) {
        return new CachingCertificateFetcher(new HttpsCertificateFetcher(policy), config.certCacheSize(),
                config.certCacheTtl(), wallClock);
    }

    @Produces
    @Singleton
    EnvelopeGate gate(SnsConfig config, CertUrlPolicy policy, CertificateFetcher certificates,
                      MeterRegistry registry, Optional<SharedKeys> shared) {
        return new MeteredGate(verifyingGate(config, policy, certificates, shared), registry);
    }

    private EnvelopeGate verifyingGate(SnsConfig config, CertUrlPolicy policy, CertificateFetcher certificates,
                                       Optional<SharedKeys> shared) {
        if (config.dedupeRetention().compareTo(config.timestampTolerance().multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("operator.sns.dedupe-retention (" + config.dedupeRetention()
                    + ") must be at least twice operator.sns.timestamp-tolerance (" + config.timestampTolerance()
                    + "), or a replay could pass once its MessageId is forgotten");
        }
        Set<String> topics = Set.copyOf(config.allowedTopicArns());
        MessageIdDeduplicator seen = new MessageIdDeduplicator(config.dedupeMaxEntries(), config.dedupeRetention(),
                wallClock, shared);
        if (!config.verifySignatures()) {
            return new UnverifiedGate(SnsBodyLimit.DEFAULT, topics, seen);
        }
        SnsMessageVerifier verifier = new SnsMessageVerifier(policy, certificates, topics,
                config.timestampTolerance(), wallClock);
        return new VerifyingGate(new SnsIngest(SnsBodyLimit.DEFAULT, verifier, seen));
    }

    /** Created on first use only, so nothing talks to AWS unless a subscription needs it. */
    @Produces
    @ApplicationScoped
    SnsClient snsClient(SnsConfig config) {
        return SnsClient.builder()
                .region(Region.of(config.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    void closeSnsClient(@Disposes SnsClient client) {
        client.close();
    }

    /** Created on first use only: its HTTP client loads the TLS stack, which start-up does not need. */
    @Produces
    @ApplicationScoped
    SubscriptionConfirmer subscriptionConfirmer(SnsClient sns, CertUrlPolicy policy) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONFIRM_TIMEOUT).build();
        return new FallbackSubscriptionConfirmer(new SdkSubscriptionConfirmer(sns),
                new SubscribeUrlConfirmer(policy.allowedHost(), http, CONFIRM_TIMEOUT));
    }

    @Produces
    @Singleton
    TopicSubscriber topicSubscriber(SnsClient sns) {
        return new SdkTopicSubscriber(sns);
    }

    @Produces
    @Singleton
    IngestDispatcher dispatcher(NewAmiCheck amiCheck, SubscriptionConfirmer confirmer, SnsConfig config) {
        return new IngestDispatcher(amiCheck::run, confirmer, config.confirmSubscriptions());
    }

    @Produces
    @Singleton
    IngestJournal journal() {
        return new IngestJournal(JOURNAL_SIZE);
    }

    @Produces
    @Singleton
    MessageHandling handling(IngestDispatcher dispatcher, EnvelopeGate gate, IngestJournal journal) {
        return new MessageHandling(dispatcher, gate, journal, wallClock);
    }

    @Produces
    @Singleton
    IngestWorkQueue workQueue() {
        return new IngestWorkQueue(WORK_BACKLOG);
    }

    void closeWorkQueue(@Disposes IngestWorkQueue queue) {
        queue.close();
    }
}
