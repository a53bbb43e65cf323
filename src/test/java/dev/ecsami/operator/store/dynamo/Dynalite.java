package dev.ecsami.operator.store.dynamo;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;


/**
 * A DynamoDB-compatible server on loopback for the tests: the npm package dynalite (installed by
 * .ci/run into k8s-free-deploy/node_modules), in memory, started once for the test run on a free
 * port and stopped when the run ends. Missing node or dynalite fails the test, never skips it.
 * Each test takes a table of its own, so tests do not see each other's items.
 */
public final class Dynalite implements BeforeAllCallback {
    private static final Path CLI = Path.of("k8s-free-deploy", "node_modules", "dynalite", "cli.js");
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server();
    }

    /** The running server, started on first use and stopped when the test JVM's root context closes. */
    static synchronized Server server() {
        if (server == null) {
            server = Server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return server;
    }

    /** A fresh, created table for one test. */
    static DynamoTable freshTable(DynamoDbClient client) {
        DynamoTable table = new DynamoTable(client, "ecs-ami-operator-test-" + TABLES.incrementAndGet(),
                Duration.ofMillis(20));
        table.ensure(true);
        return table;
    }

    /** A running dynalite process. */
    static final class Server implements AutoCloseable {
        private final Process process;
        final int port;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        private static Server start() {
            if (!Files.isRegularFile(CLI)) {
                throw new IllegalStateException(CLI.toAbsolutePath() + " is missing: run npm ci --prefix "
                        + "k8s-free-deploy (.ci/run does) to install dynalite for the DynamoDB tests");
            }
            int port = freePort();
            Process p;
            try {
                p = new ProcessBuilder("node", CLI.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                        "--createTableMs", "50", "--deleteTableMs", "50", "--updateTableMs", "50")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start node for dynalite (is node installed?)", e);
            }
            Server s = new Server(p, port);
            long deadline = System.nanoTime() + STARTUP.toNanos();
            try {
                // Paced by waiting for the process to end, which returns at once if it dies.
                while (!answers(port)) {
                    if (p.waitFor(50, TimeUnit.MILLISECONDS) || System.nanoTime() > deadline) {
                        s.close();
                        throw new IllegalStateException("dynalite did not answer on port " + port + " within "
                                + STARTUP + (p.isAlive() ? "" : "; it exited with code " + p.exitValue()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.close();
                throw new IllegalStateException("interrupted while dynalite started", e);
            }
            return s;
        }

        /** A client to this server, counting its requests by operation into {@code calls}. */
        DynamoDbClient client(Map<String, AtomicLong> calls) {
            return DynamoDbClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.builder().build())
                    .overrideConfiguration(c -> c.addExecutionInterceptor(new CallCounter(calls)))
                    .build();
        }

        DynamoDbClient client() {
            return client(new ConcurrentHashMap<>());
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        private static boolean answers(int port) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static int freePort() {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException("no free port on loopback", e);
            }
        }
    }

    /** Counts each request by its operation name (GetItem, PutItem, ...). */
    record CallCounter(Map<String, AtomicLong> calls) implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    k -> new AtomicLong()).incrementAndGet();
        }
    }
}
