package dev.ecsami.operator.awsstub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ecsami.operator.aws.AwsClients;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.sim.SimulatedAws;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The simulated AWS behind a real HTTP endpoint on 127.0.0.1, for the real adapters and SDK.
 * One endpoint serves all four services, told apart as AWS itself would by the request: ECS and
 * SSM by their X-Amz-Target prefix (awsJson1_1), Auto Scaling and EC2 by the Query Version.
 * Every call is answered from the world it currently {@link #play plays}; the world's faults come
 * back as each service's own error responses. Requests are handled one at a time.
 */
public final class AwsStub implements AutoCloseable {
    static final String ECS_TARGET = "AmazonEC2ContainerServiceV20141113.";
    static final String SSM_TARGET = "AmazonSSM.";
    static final String ASG_VERSION = "2011-01-01";
    static final String EC2_VERSION = "2016-11-15";

    static {
        // the JDK server writes headers and body apart: with Nagle on, each answer waits out a delayed ACK
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final Map<String, Integer> calls = new TreeMap<>();
    private final List<QueryRequest> queryRequests = new ArrayList<>();
    private SimulatedAws aws;
    private EcsApi ecs;
    private AutoScalingApi autoScaling;
    private Ec2Api ec2;
    private SsmApi ssm;
    private AwsClients clients;

    private AwsStub(HttpServer server) {
        this.server = server;
    }
    /** A started stub on an ephemeral loopback port; it answers once it {@link #play plays} a world. */
    public static AwsStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            AwsStub stub = new AwsStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers from this world from now on; the same world again keeps what the stub learnt of it. */
    public synchronized AwsStub play(SimulatedAws world) {
        if (world != aws) {
            aws = world;
            LaunchTemplates templates = new LaunchTemplates();
            SeenGroups seen = new SeenGroups(world);
            ecs = new EcsApi(world, seen);
            autoScaling = new AutoScalingApi(world, templates, seen);
            ec2 = new Ec2Api(world, templates);
            ssm = new SsmApi(world);
            calls.clear();
            queryRequests.clear();
        }
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** SDK clients for this endpoint with dummy static credentials, built once and closed with the stub. */
    public synchronized AwsClients clients() {
        if (clients == null) {
            clients = new AwsClients(StubConfig.against(endpoint()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTUB", "stub-secret")));
        }
        return clients;
    }

    /**
     * An Auto Scaling or EC2 request as it arrived: its action and form parameters, e.g.
     * {@code ScalingProcesses.member.1}.
     */
    public record QueryRequest(String action, Map<String, String> form) {
        /** The values of a flattened list parameter such as {@code ScalingProcesses.member}. */
        public List<String> list(String prefix) {
            return Query.list(form, prefix);
        }
    }

    /** Auto Scaling and EC2 requests received since the world was played or the count was reset, in order. */
    public synchronized List<QueryRequest> queryRequests() {
        return List.copyOf(queryRequests);
    }

    /** Calls answered since the world was played or the count was reset, by operation. */
    public synchronized Map<String, Integer> calls() {
        return new TreeMap<>(calls);
    }

    public synchronized void resetCalls() {
        calls.clear();
        queryRequests.clear();
    }

    @Override
    public synchronized void close() {
        if (clients != null) {
            clients.close();
        }
        server.stop(0);
    }

    static String requestId() {
        return UUID.randomUUID().toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Reply reply = answer(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId());
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private synchronized Reply answer(String target, String body) {
        if (aws == null) {
            return new Reply(503, "text/plain", "the stub plays no world yet");
        }
        if (target != null && target.startsWith(ECS_TARGET)) {
            String op = count(target.substring(ECS_TARGET.length()));
            return guarded(WireErrors.Service.ECS, () -> ecs.answer(op, body));
        }
        if (target != null && target.startsWith(SSM_TARGET)) {
            String op = count(target.substring(SSM_TARGET.length()));
            return guarded(WireErrors.Service.SSM, () -> ssm.answer(op, body));
        }
        Map<String, String> form = form(body);
        String op = count(form.getOrDefault("Action", "?"));
        queryRequests.add(new QueryRequest(op, Map.copyOf(form)));
        String version = form.getOrDefault("Version", "");
        if (version.equals(ASG_VERSION)) {
            return guarded(WireErrors.Service.AUTO_SCALING, () -> autoScaling.answer(op, form));
        }
        if (version.equals(EC2_VERSION)) {
            return guarded(WireErrors.Service.EC2, () -> ec2.answer(op, form));
        }
        return new Reply(400, "text/plain", "unknown service: target " + target + ", version " + version);
    }

    private String count(String operation) {
        calls.merge(operation, 1, Integer::sum);
        return operation;
    }

    private interface Answer {
        Reply get();
    }

    /** The simulation's failures, and the stub's own, become the service's error response. */
    private static Reply guarded(WireErrors.Service service, Answer answer) {
        try {
            return answer.get();
        } catch (ExternalCallFailed e) {
            return WireErrors.reply(service, e);
        } catch (Reply.Failure e) {
            return WireErrors.reply(service, e.error);
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
