package dev.ecsami.operator.ingest;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;


import java.net.URI;

/** ElasticMQ on a free loopback port and an SQS client for it. */
public final class LoopbackSqs implements AutoCloseable {
    private final SQSRestServer server;
    private final SqsClient client;

    private LoopbackSqs(SQSRestServer server, SqsClient client) {
        this.server = server;
        this.client = client;
    }

    public static LoopbackSqs start() {
        SQSRestServer server = SQSRestServerBuilder.withPort(0).withInterface("127.0.0.1").start();
        int port = server.waitUntilStarted().localAddress().getPort();
        SqsClient client = SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        return new LoopbackSqs(server, client);
    }

    public SqsClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
