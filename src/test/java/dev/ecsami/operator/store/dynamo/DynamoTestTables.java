package dev.ecsami.operator.store.dynamo;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Fresh tables on the test run's dynalite, for tests outside this package. */
public final class DynamoTestTables {
    private static DynamoDbClient client;

    private DynamoTestTables() {
    }

    public static synchronized DynamoTable fresh() {
        if (client == null) {
            client = Dynalite.server().client();
        }
        return Dynalite.freshTable(client);
    }

    /** A new client to the same server, e.g. one a test can cut off. */
    public static DynamoDbClient client(software.amazon.awssdk.core.interceptor.ExecutionInterceptor interceptor) {
        return DynamoDbClient.builder().endpointOverride(java.net.URI.create("http://127.0.0.1:"
                        + Dynalite.server().port))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor))
                .build();
    }
}
