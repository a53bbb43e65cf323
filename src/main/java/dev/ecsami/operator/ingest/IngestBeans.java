package dev.ecsami.operator.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.ingest.sns.CachingCertificateFetcher;
import dev.ecsami.operator.ingest.sns.CertUrlPolicy;
import dev.ecsami.operator.ingest.sns.CertificateFetcher;
import dev.ecsami.operator.ingest.sns.HttpsCertificateFetcher;
import dev.ecsami.operator.ingest.sns.MessageIdDeduplicator;
import dev.ecsami.operator.ingest.sns.SnsGate;
import dev.ecsami.operator.ingest.sns.SnsMessageVerifier;
import dev.ecsami.operator.metrics.VerdictCounter;
import dev.ecsami.operator.runtime.DrainRunner;
import dev.ecsami.operator.runtime.NewAmiCheck;
import dev.ecsami.operator.store.SharedKeys;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
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
    SnsGate gate(SnsConfig config, CertUrlPolicy policy, CertificateFetcher certificates, MeterRegistry registry,
                 Optional<SharedKeys> shared) {
        if (config.dedupeRetention().compareTo(config.timestampTolerance().multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("operator.sns.dedupe-retention (" + config.dedupeRetention()
                    + ") must be at least twice operator.sns.timestamp-tolerance (" + config.timestampTolerance()
                    + "), or a replay could pass once its MessageId is forgotten");
        }
        Set<String> topics = Set.copyOf(config.allowedTopicArns());
        MessageIdDeduplicator seen = new MessageIdDeduplicator(config.dedupeMaxEntries(), config.dedupeRetention(),
                wallClock, shared);
        SnsGate gate = config.verifySignatures()
                ? SnsGate.verifying(new SnsMessageVerifier(policy, certificates, topics, config.timestampTolerance(),
                wallClock), seen)
                : SnsGate.unverified(topics, seen);
        return gate.observedBy(new VerdictCounter(registry));
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

    @Produces
    @Singleton
    SnsSubscriptions subscriptions(SnsClient sns) {
        return new SnsSubscriptions(sns);
    }

    /** Created on first use only: its HTTP client loads the TLS stack, which start-up does not need. */
    @Produces
    @ApplicationScoped
    SubscriptionConfirmer subscriptionConfirmer(SnsSubscriptions subscriptions, CertUrlPolicy policy) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONFIRM_TIMEOUT).build();
        return SubscriptionConfirmer.withFallback(subscriptions::confirmThroughApi,
                SnsSubscriptions.visitingSubscribeUrl(policy.allowedHost(), http, CONFIRM_TIMEOUT));
    }

    @Produces
    @Singleton
    IngestJournal journal() {
        return new IngestJournal(JOURNAL_SIZE);
    }

    /** The drain runner is looked up on the first lifecycle message only. */
    @Produces
    @Singleton
    IngestDispatcher dispatcher(NewAmiCheck amiCheck, SubscriptionConfirmer confirmer, SnsConfig config,
                                OperatorConfig operator, Instance<DrainRunner> drains,
                                SnsGate gate, IngestJournal journal, ObjectMapper json) {
        return new IngestDispatcher(json, amiCheck::run, confirmer, config.confirmSubscriptions(),
                new IngestDispatcher.Drains(request -> drains.get().accept(request),
                        operator.lifecycle().drainOnRebalanceRecommendation()), gate, journal, wallClock);
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
