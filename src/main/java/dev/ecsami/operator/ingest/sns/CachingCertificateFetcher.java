package dev.ecsami.operator.ingest.sns;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers fetched certificates by URL so that a burst of messages costs one download. Bounded
 * (least recently used entry is dropped first); an entry lives for at most the TTL and never past the
 * certificate's notAfter. Failures are not cached. The lock is not held while fetching, so two
 * concurrent misses for one URL may both fetch; the later result wins.
 */
public final class CachingCertificateFetcher implements CertificateFetcher {

    private final CertificateFetcher delegate;
    private final Duration ttl;
    private final Clock clock;
    private final Map<URI, Entry> entries;

    public CachingCertificateFetcher(CertificateFetcher delegate, int maxEntries, Duration ttl, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive but was " + maxEntries);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive but was " + ttl);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<URI, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public Result fetch(URI certUrl) {
        Optional<X509Certificate> cached = atHand(certUrl);
        if (cached.isPresent()) {
            return new Result.Fetched(cached.get());
        }
        Instant now = clock.instant();
        Result result = delegate.fetch(certUrl);
        if (result instanceof Result.Fetched fetched) {
            Instant expiresAt = earlier(now.plus(ttl), fetched.certificate().getNotAfter().toInstant());
            synchronized (entries) {
                entries.put(certUrl, new Entry(fetched.certificate(), expiresAt));
            }
        }
        return result;
    }

    /** The cached certificate while its entry lives; an expired entry is dropped. */
    @Override
    public Optional<X509Certificate> atHand(URI certUrl) {
        Instant now = clock.instant();
        synchronized (entries) {
            Entry cached = entries.get(certUrl);
            if (cached != null && now.isBefore(cached.expiresAt())) {
                return Optional.of(cached.certificate());
            }
            entries.remove(certUrl);
            return Optional.empty();
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record Entry(X509Certificate certificate, Instant expiresAt) {
    }
}
