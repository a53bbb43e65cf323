package dev.ecsami.operator.ingest.sns;

import dev.ecsami.operator.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CachingCertificateFetcherTest {

    private static final String A = "https://sns.us-east-1.amazonaws.com/a.pem";
    private static final String B = "https://sns.us-east-1.amazonaws.com/b.pem";
    private static final String C = "https://sns.us-east-1.amazonaws.com/c.pem";

    private final X509Certificate certificate = TestPki.get().sns.certificate();
    private final MutableClock clock =
            new MutableClock(certificate.getNotBefore().toInstant().plus(Duration.ofDays(1)));
    private final RecordingCertificateFetcher origin =
            new RecordingCertificateFetcher().publish(A, certificate).publish(B, certificate).publish(C, certificate);
    private final CachingCertificateFetcher cache = new CachingCertificateFetcher(origin, 2, Duration.ofHours(1), clock);

    @Test
    void secondRequestForTheSameUrlIsServedWithoutFetching() {
        CertificateFetcher.Result first = cache.fetch(URI.create(A));
        CertificateFetcher.Result second = cache.fetch(URI.create(A));

        assertThat(second).isEqualTo(first).isEqualTo(new CertificateFetcher.Result.Fetched(certificate));
        assertThat(origin.requested).containsExactly(URI.create(A));
    }

    @Test
    void certificateIsAtHandOnlyWhileItsEntryLives() {
        assertThat(cache.atHand(URI.create(A))).isEmpty();
        cache.fetch(URI.create(A));

        assertThat(cache.atHand(URI.create(A))).contains(certificate);
        clock.advance(Duration.ofHours(1));
        assertThat(cache.atHand(URI.create(A))).isEmpty();
        assertThat(origin.requested).containsExactly(URI.create(A));
    }

    @Test
    void entryIsFetchedAgainOnceTheTtlHasPassed() {
        cache.fetch(URI.create(A));
        clock.advance(Duration.ofMinutes(59));
        cache.fetch(URI.create(A));
        clock.advance(Duration.ofMinutes(1));

        cache.fetch(URI.create(A));

        assertThat(origin.requested).containsExactly(URI.create(A), URI.create(A));
    }

    @Test
    void entryNeverOutlivesTheCertificate() {
        clock.set(certificate.getNotAfter().toInstant().minus(Duration.ofMinutes(10)));
        cache.fetch(URI.create(A));

        clock.advance(Duration.ofMinutes(10));
        cache.fetch(URI.create(A));

        assertThat(origin.requested).hasSize(2);
    }

    @Test
    void leastRecentlyUsedEntryIsDroppedBeyondTheBound() {
        cache.fetch(URI.create(A));
        cache.fetch(URI.create(B));
        cache.fetch(URI.create(A));

        cache.fetch(URI.create(C));
        cache.fetch(URI.create(A));
        cache.fetch(URI.create(B));

        assertThat(origin.requested).containsExactly(URI.create(A), URI.create(B), URI.create(C), URI.create(B));
    }

    @Test
    void failureIsNotCached() {
        URI missing = URI.create("https://sns.us-east-1.amazonaws.com/missing.pem");

        assertThat(cache.fetch(missing)).isInstanceOf(CertificateFetcher.Result.Failed.class);
        cache.fetch(missing);

        assertThat(origin.requested).containsExactly(missing, missing);
    }
}
