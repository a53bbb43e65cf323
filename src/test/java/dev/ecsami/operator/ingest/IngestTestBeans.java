package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.sns.CachingCertificateFetcher;
import dev.ecsami.operator.ingest.sns.CertificateFetcher;
import dev.ecsami.operator.ingest.sns.TestPki;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces the two ingest beans that would reach AWS in a {@code @QuarkusTest}. Certificates come
 * from the test PKI, through the production cache: any URL the production CertUrlPolicy allows
 * yields the SNS leaf, a path naming "expired" the expired leaf. The real HTTPS fetcher is covered by
 * HttpsCertificateFetcherTest.
 * Confirmations are recorded instead of calling ConfirmSubscription.
 */
@ApplicationScoped
public class IngestTestBeans {

    /** Expired-certificate messages name this SigningCertURL. */
    public static final String EXPIRED_CERT_URL =
            "https://sns.us-west-2.amazonaws.com/SimpleNotificationService-expired.pem";

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    CertificateFetcher testPkiCertificates(SnsConfig config) {
        TestPki pki = TestPki.get();
        CertificateFetcher download = url -> new CertificateFetcher.Result.Fetched(url.getPath().contains("expired")
                ? pki.expiredSns.certificate() : pki.sns.certificate());
        return new CachingCertificateFetcher(download, config.certCacheSize(), config.certCacheTtl(),
                Clock.systemUTC());
    }

    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    RecordingConfirmer recordingConfirmer() {
        return new RecordingConfirmer();
    }

    /** Confirms every pending subscription and remembers it. */
    public static final class RecordingConfirmer implements SubscriptionConfirmer {
        private final List<PendingSubscription> confirmed = new CopyOnWriteArrayList<>();

        @Override
        public Confirmation confirm(PendingSubscription pending) {
            confirmed.add(pending);
            return new Confirmation.Confirmed(pending.topicArn() + ":test-subscription");
        }

        public List<PendingSubscription> confirmed() {
            return List.copyOf(confirmed);
        }
    }
}
