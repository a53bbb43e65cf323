package dev.ecsami.operator.ingest.sns;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Downloads a signing certificate over HTTPS.
 *
 * <p>Trust in the certificate comes from this TLS fetch: the server must present a chain the JVM
 * trust store accepts for the policy-approved SNS host, so the PEM we receive is the one AWS
 * published. We therefore do not validate the PEM's own chain; the verifier only checks its
 * validity period and subject. Operators customise trust the usual JVM way
 * ({@code javax.net.ssl.trustStore}).
 *
 * <p>Refuses, before any network activity, a URI the {@link CertUrlPolicy} does not allow. Never
 * follows redirects; bounds connect time, total time and body size.
 */
public final class HttpsCertificateFetcher implements CertificateFetcher {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;

    private final CertUrlPolicy policy;
    private final Supplier<SSLContext> sslContext;
    private final Duration timeout;
    private final int maxBytes;
    private HttpClient client;

    /**
     * Production wiring: the JVM default SSLContext and default limits. The SSLContext (which loads
     * the trust store) and the HTTP client are made on the first fetch, not at start-up.
     */
    public HttpsCertificateFetcher(CertUrlPolicy policy) {
        this(policy, HttpsCertificateFetcher::defaultSslContext, DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }

    /**
     * @param timeout  bound on connecting, and separately on the whole exchange including the body
     * @param maxBytes largest certificate body accepted
     */
    public HttpsCertificateFetcher(CertUrlPolicy policy, SSLContext sslContext, Duration timeout, int maxBytes) {
        this(policy, always(Objects.requireNonNull(sslContext, "sslContext")), timeout, maxBytes);
    }

    private HttpsCertificateFetcher(CertUrlPolicy policy, Supplier<SSLContext> sslContext, Duration timeout,
                                    int maxBytes) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive but was " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.sslContext = sslContext;
    }

    private static Supplier<SSLContext> always(SSLContext sslContext) {
        return () -> sslContext;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .sslContext(sslContext.get())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(timeout)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
        }
        return client;
    }

    @Override
    public Result fetch(URI certUrl) {
        if (policy.check(certUrl) instanceof CertUrlPolicy.Check.Refused refused) {
            return new Result.Failed("refused to fetch: " + refused.detail());
        }
        HttpRequest request = HttpRequest.newBuilder(certUrl).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> exchange =
                client().sendAsync(request, info -> new BoundedBodySubscriber(maxBytes));
        try {
            return decode(exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Result.Failed("fetching certificate timed out after " + timeout);
        } catch (ExecutionException e) {
            return new Result.Failed("fetching certificate failed: " + describe(e.getCause()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Result.Failed("interrupted while fetching certificate");
        }
    }

    private static Result decode(HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            return new Result.Failed("certificate URL answered HTTP " + response.statusCode());
        }
        try {
            Certificate certificate = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(response.body()));
            if (certificate instanceof X509Certificate x509) {
                return new Result.Fetched(x509);
            }
            return new Result.Failed("certificate URL did not return an X.509 certificate");
        } catch (GeneralSecurityException e) {
            return new Result.Failed("certificate could not be decoded: " + e.getMessage());
        }
    }

    private static String describe(Throwable cause) {
        return cause == null ? "unknown error" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static SSLContext defaultSslContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JVM has no default SSLContext", e);
        }
    }

    /** Collects a response body into memory, cancelling the exchange as soon as it exceeds a limit. */
    private static final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

        private final int maxBytes;
        private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBodySubscriber(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (collected.size() + buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("body exceeds " + maxBytes + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                collected.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(collected.toByteArray());
        }
    }
}
