package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static dev.ecsami.operator.aws.AwsStub.ecsCall;
import static dev.ecsami.operator.aws.AwsStub.ecsRequested;
import static dev.ecsami.operator.aws.AwsStub.json;
import static dev.ecsami.operator.aws.AwsStub.jsonError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsClientsTest {
    @RegisterExtension
    static WireMockExtension wm = AwsStub.server();

    private final AwsStub stub = new AwsStub(wm);

    @Test
    void eachClientIsBuiltOnceAndReused() {
        try (AwsClients clients = stub.clients()) {
            assertThat(clients.ecs()).isSameAs(clients.ecs());
            assertThat(clients.autoScaling()).isSameAs(clients.autoScaling());
            assertThat(clients.ec2()).isSameAs(clients.ec2());
            assertThat(clients.ssm()).isSameAs(clients.ssm());
            assertThat(clients.sns()).isSameAs(clients.sns());
            assertThat(clients.sqs()).isSameAs(clients.sqs());
        }
    }

    @Test
    void configuredRegionAndEndpointAreUsedAndRequestsAreSigned() {
        wm.stubFor(ecsCall("ListClusters").willReturn(json("{\"clusterArns\":[]}")));
        try (AwsClients clients = stub.clients()) {
            clients.ecs().listClusters();
        }
        wm.verify(ecsRequested("ListClusters").withHeader("Authorization",
                matching("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/us-east-1/ecs/aws4_request.*")));
    }

    @Test
    void withoutAConfiguredEndpointTheSdkEndpointSettingsStillApply() {
        wm.stubFor(ecsCall("ListClusters").willReturn(json("{\"clusterArns\":[]}")));
        TestConfig config = TestConfig.against(wm.baseUrl());
        TestConfig noEndpoint = new TestConfig(config.region(), Optional.empty(), 3, config.retryMode(),
                config.retryBaseDelay(), config.throttlingBaseDelay(), config.maxBackoff(), config.apiCallTimeout(),
                config.apiCallAttemptTimeout(), 2);
        // the system-property twin of AWS_ENDPOINT_URL, which a test cannot set
        String previous = System.setProperty("aws.endpointUrl", wm.baseUrl());
        try (AwsClients clients = stub.clients(noEndpoint)) {
            clients.ecs().listClusters();
        } finally {
            if (previous == null) {
                System.clearProperty("aws.endpointUrl");
            } else {
                System.setProperty("aws.endpointUrl", previous);
            }
        }
        wm.verify(1, ecsRequested("ListClusters"));
    }

    @Test
    void maxAttemptsBoundsTheRetriesOfAThrottledCall() {
        wm.stubFor(ecsCall("ListClusters").willReturn(jsonError(400, "ThrottlingException", "Rate exceeded")));
        try (AwsClients clients = stub.clients(TestConfig.against(wm.baseUrl()).withMaxAttempts(2))) {
            assertThatThrownBy(() -> AwsCalls.call("ListClusters", () -> clients.ecs().listClusters()))
                    .isInstanceOfSatisfying(ExternalCallFailed.class, e -> assertThat(e.retryable()).isTrue());
        }
        wm.verify(2, ecsRequested("ListClusters"));
        wm.verify(1, ecsRequested("ListClusters").withHeader("amz-sdk-request", containing("attempt=2; max=2")));
    }

    @Test
    void adaptiveModeClientsServeCalls() {
        // adaptive mode also rate-limits a client after throttling, which makes a throttling test slow
        wm.stubFor(ecsCall("ListClusters").willReturn(json("{\"clusterArns\":[\"arn:aws:ecs:us-east-1:1:cluster/a\"]}")));
        try (AwsClients clients = stub.clients(TestConfig.against(wm.baseUrl())
                .withRetryMode(AwsConfig.RetryMode.ADAPTIVE))) {
            assertThat(clients.ecs().listClusters().clusterArns()).hasSize(1);
        }
        wm.verify(ecsRequested("ListClusters").withHeader("amz-sdk-request", containing("max=3")));
    }

    @Test
    void invalidSettingsAreRejectedNamingTheKey() {
        TestConfig ok = TestConfig.against(wm.baseUrl());
        assertThatThrownBy(() -> stub.clients(ok.withMaxAttempts(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator.aws.max-attempts");
        assertThatThrownBy(() -> stub.clients(ok.withLaunchConfigurationsToKeep(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator.aws.launch-configurations-to-keep");
        TestConfig attemptLongerThanCall = new TestConfig(ok.region(), ok.endpoint(), 3, ok.retryMode(),
                ok.retryBaseDelay(), ok.throttlingBaseDelay(), ok.maxBackoff(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 2);
        assertThatThrownBy(() -> stub.clients(attemptLongerThanCall))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("operator.aws.api-call-attempt-timeout");
        TestConfig badRegion = new TestConfig(Optional.of("Frankfurt"), ok.endpoint(), 3, ok.retryMode(),
                ok.retryBaseDelay(), ok.throttlingBaseDelay(), ok.maxBackoff(), ok.apiCallTimeout(),
                ok.apiCallAttemptTimeout(), 2);
        assertThatThrownBy(() -> stub.clients(badRegion))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator.aws.region 'Frankfurt'");
    }
}
