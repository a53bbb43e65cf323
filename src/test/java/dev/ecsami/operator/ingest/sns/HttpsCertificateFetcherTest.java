package dev.ecsami.operator.ingest.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Talks to real loopback servers: a TLS server with the test PKI, and a bare TCP listener. */
class HttpsCertificateFetcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final TestPki PKI = TestPki.get();
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();

    private static HttpsServer server;
    private static SSLContext trustingTestCa;

    @BeforeAll
    static void startTlsServer() throws IOException, GeneralSecurityException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(PKI.loopbackServerContext()));
        serve("/cert.pem", exchange -> respond(exchange, 200, PKI.sns.pem().getBytes(StandardCharsets.US_ASCII)));
        serve("/moved.pem", exchange -> {
            exchange.getResponseHeaders().add("Location", "/cert.pem");
            respond(exchange, 302, new byte[0]);
        });
        serve("/huge.pem", exchange -> respond(exchange, 200, new byte[HttpsCertificateFetcher.DEFAULT_MAX_BYTES + 1]));
        serve("/garbage.pem", exchange -> respond(exchange, 200, "hello".getBytes(StandardCharsets.US_ASCII)));
        serve("/missing.pem", exchange -> respond(exchange, 404, new byte[0]));
        server.start();
        trustingTestCa = PKI.clientTrustingCa();
    }

    @AfterAll
    static void stopTlsServer() {
        server.stop(0);
    }

    @Test
    void fetchesThePemFromAnAllowedUrlOverTls() {
        int before = hits("/cert.pem");

        Object result = fetcherFor(server.getAddress().getPort(), trustingTestCa).fetch(tls("/cert.pem"));

        assertThat(result).isEqualTo(new CertificateFetcher.Result.Fetched(PKI.sns.certificate()));
        assertThat(hits("/cert.pem")).isEqualTo(before + 1);
    }

    @Test
    void doesNotFollowRedirects() {
        int before = hits("/cert.pem");

        Object result = fetcherFor(server.getAddress().getPort(), trustingTestCa).fetch(tls("/moved.pem"));

        assertThat(result).isEqualTo(new CertificateFetcher.Result.Failed("certificate URL answered HTTP 302"));
        assertThat(hits("/cert.pem")).isEqualTo(before);
    }

    @Test
    void refusesABodyOverTheLimit() {
        Object result = fetcherFor(server.getAddress().getPort(), trustingTestCa).fetch(tls("/huge.pem"));

        assertThat(result).isInstanceOfSatisfying(CertificateFetcher.Result.Failed.class,
                failed -> assertThat(failed.detail()).contains("exceeds"));
    }

    @Test
    void reportsAnErrorStatusOrUndecodableBodyAsFailed() {
        HttpsCertificateFetcher fetcher = fetcherFor(server.getAddress().getPort(), trustingTestCa);

        assertThat(fetcher.fetch(tls("/missing.pem")))
                .isEqualTo(new CertificateFetcher.Result.Failed("certificate URL answered HTTP 404"));
        assertThat(fetcher.fetch(tls("/garbage.pem"))).isInstanceOfSatisfying(CertificateFetcher.Result.Failed.class,
                failed -> assertThat(failed.detail()).startsWith("certificate could not be decoded"));
    }

    @Test
    void serverWhoseChainIsNotTrustedYieldsNoCertificate() throws GeneralSecurityException {
        int before = hits("/cert.pem");

        Object result = fetcherFor(server.getAddress().getPort(), SSLContext.getDefault()).fetch(tls("/cert.pem"));

        assertThat(result).isInstanceOf(CertificateFetcher.Result.Failed.class);
        assertThat(hits("/cert.pem")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/cert.pem", "https://127.0.0.1:%d/cert.txt",
        "https://user@127.0.0.1:%d/cert.pem", "https://localhost:%d/cert.pem", "https://127.0.0.1:%d/cert.pem?q=1"})
    void refusesADisallowedUrlWithoutConnecting(String template) throws IOException {
        try (ServerSocketChannel listener = bareListener()) {
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();

            Object result = fetcherFor(port, trustingTestCa).fetch(URI.create(template.formatted(port)));

            assertThat(result).isInstanceOfSatisfying(CertificateFetcher.Result.Failed.class,
                    failed -> assertThat(failed.detail()).startsWith("refused to fetch"));
            assertThat(listener.accept()).as("connection attempt").isNull();
        }
    }

    @Test
    void bareListenerDetectsTheConnectionOfAnAllowedUrl() throws IOException {
        try (ServerSocketChannel listener = bareListener()) {
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            HttpsCertificateFetcher impatient = new HttpsCertificateFetcher(loopbackPolicy(port), trustingTestCa,
                    Duration.ofMillis(300), HttpsCertificateFetcher.DEFAULT_MAX_BYTES);

            Object result = impatient.fetch(URI.create("https://127.0.0.1:" + port + "/cert.pem"));

            assertThat(result).isInstanceOf(CertificateFetcher.Result.Failed.class);
            assertThat(listener.accept()).as("connection attempt").isNotNull();
        }
    }

    private static ServerSocketChannel bareListener() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        listener.configureBlocking(false);
        return listener;
    }

    private static HttpsCertificateFetcher fetcherFor(int port, SSLContext sslContext) {
        return new HttpsCertificateFetcher(loopbackPolicy(port), sslContext, TIMEOUT,
                HttpsCertificateFetcher.DEFAULT_MAX_BYTES);
    }

    private static CertUrlPolicy loopbackPolicy(int port) {
        return new CertUrlPolicy(Pattern.compile("127\\.0\\.0\\.1"), port, Pattern.compile("sns\\.amazonaws\\.com"));
    }

    private static URI tls(String path) {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static int hits(String path) {
        return HITS.computeIfAbsent(path, p -> new AtomicInteger()).get();
    }

    private interface Responder {
        void handle(HttpExchange exchange) throws IOException;
    }

    private static void serve(String path, Responder responder) {
        server.createContext(path, exchange -> {
            HITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            responder.handle(exchange);
        });
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
