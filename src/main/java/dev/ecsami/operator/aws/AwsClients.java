package dev.ecsami.operator.aws;

import dev.ecsami.operator.config.Checks;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The AWS SDK clients, each built once on first use. All share one URL-connection HTTP client, the
 * configured retry strategy and time-outs. Region, credentials and endpoints that the
 * configuration leaves empty come from the SDK's default chains, so {@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL} and friends keep working.
 *
 * <p>A plain class: CDI produces it from {@link AwsConfig} ({@link AwsProducers}), tests build it directly.
 */
public final class AwsClients implements AutoCloseable {
    private final AwsConfig config;
    private final AwsCredentialsProvider credentials;
    private final boolean ownsCredentials;
    private final Map<Class<?>, SdkClient> clients = new ConcurrentHashMap<>();
    private volatile SdkHttpClient http;

    /** Credentials from the SDK's default provider chain. */
    public AwsClients(AwsConfig config) {
        this(config, Optional.empty());
    }

    /** Fixed credentials, e.g. dummy keys against a local stub. */
    public AwsClients(AwsConfig config, AwsCredentialsProvider credentials) {
        this(config, Optional.of(credentials));
    }

    private AwsClients(AwsConfig config, Optional<AwsCredentialsProvider> credentials) {
        this.config = validate(config);
        this.ownsCredentials = credentials.isEmpty();
        this.credentials = credentials.orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    public EcsClient ecs() {
        return client(EcsClient.class, EcsClient::builder);
    }

    public AutoScalingClient autoScaling() {
        return client(AutoScalingClient.class, AutoScalingClient::builder);
    }

    public Ec2Client ec2() {
        return client(Ec2Client.class, Ec2Client::builder);
    }

    public SsmClient ssm() {
        return client(SsmClient.class, SsmClient::builder);
    }

    public SnsClient sns() {
        return client(SnsClient.class, SnsClient::builder);
    }

    public SqsClient sqs() {
        return client(SqsClient.class, SqsClient::builder);
    }

    /** The shared store and leader lease of {@code operator.store.kind=dynamodb}. */
    public DynamoDbClient dynamoDb() {
        return client(DynamoDbClient.class, DynamoDbClient::builder);
    }

    public AwsConfig config() {
        return config;
    }

    /** Closes the clients built so far, then the shared HTTP client and credentials provider. */
    @Override
    public synchronized void close() {
        List<SdkClient> built = new ArrayList<>(clients.values());
        clients.clear();
        built.forEach(SdkClient::close);
        if (http != null) {
            http.close();
            http = null;
        }
        if (ownsCredentials && credentials instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing at shutdown; nothing left to do with the error
        }
    }

    /** The client of this type, built from {@code builder} with the shared settings on first use. */
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C client(
            Class<C> type, Supplier<B> builder) {
        return type.cast(clients.computeIfAbsent(type, t -> configure(builder.get()).build()));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder) {
        builder.httpClient(http());
        config.region().map(Region::of).ifPresent(builder::region);
        config.endpoint().ifPresent(builder::endpointOverride);
        builder.credentialsProvider(credentials);
        return builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy())
                .apiCallTimeout(config.apiCallTimeout())
                .apiCallAttemptTimeout(config.apiCallAttemptTimeout())
                .build());
    }

    /** One strategy per client, so each service has its own retry token bucket and rate limiter. */
    private RetryStrategy retryStrategy() {
        RetryStrategy base = config.retryMode() == AwsConfig.RetryMode.ADAPTIVE
                ? AwsRetryStrategy.adaptiveRetryStrategy()
                : AwsRetryStrategy.standardRetryStrategy();
        return base.toBuilder()
                .maxAttempts(config.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(config.retryBaseDelay(), config.maxBackoff()))
                .throttlingBackoffStrategy(
                        BackoffStrategy.exponentialDelay(config.throttlingBaseDelay(), config.maxBackoff()))
                .build();
    }

    private synchronized SdkHttpClient http() {
        if (http == null) {
            http = UrlConnectionHttpClient.builder().build();
        }
        return http;
    }

    /** @throws IllegalArgumentException naming every operator.aws.* setting at fault */
    private static AwsConfig validate(AwsConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return config;
    }

    /** What is wrong with the operator.aws.* settings, one line per problem naming its key. */
    public static List<String> problems(AwsConfig config) {
        Checks check = new Checks();
        check.atLeast("operator.aws.max-attempts", config.maxAttempts(), 1);
        check.that(config.launchConfigurationsToKeep() >= 2, "operator.aws.launch-configurations-to-keep must be at "
                + "least 2 (the current and the previous one), was " + config.launchConfigurationsToKeep());
        check.positive("operator.aws.api-call-timeout", config.apiCallTimeout());
        check.positive("operator.aws.api-call-attempt-timeout", config.apiCallAttemptTimeout());
        check.that(config.apiCallAttemptTimeout().compareTo(config.apiCallTimeout()) <= 0,
                "operator.aws.api-call-attempt-timeout (" + config.apiCallAttemptTimeout()
                        + ") must not exceed operator.aws.api-call-timeout (" + config.apiCallTimeout() + ")");
        check.notNegative("operator.aws.retry-base-delay", config.retryBaseDelay());
        check.notNegative("operator.aws.throttling-base-delay", config.throttlingBaseDelay());
        check.notNegative("operator.aws.max-backoff", config.maxBackoff());
        config.region().ifPresent(r -> check.region("operator.aws.region", r));
        config.endpoint().ifPresent(e -> check.httpUrl("operator.aws.endpoint", e.toString()));
        return check.problems();
    }
}
