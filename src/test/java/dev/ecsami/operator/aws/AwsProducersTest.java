package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.LaunchSpecs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The application wires the AWS adapters from operator.aws.* without ambiguity. No AWS call is made. */
@QuarkusTest
@TestProfile(AwsProducersTest.LocalEndpoint.class)
class AwsProducersTest {

    public static class LocalEndpoint implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // the rest of the application runs on the simulated backend, so nothing calls AWS
            return Map.of("operator.aws.region", "eu-west-1", "operator.aws.endpoint", "http://127.0.0.1:9",
                    "operator.aws.max-attempts", "2", "operator.aws.api-call-timeout", "5s",
                    "operator.aws.api-call-attempt-timeout", "2s", "operator.backend", "simulated",
                    "quarkus.http.test-port", "0", "quarkus.http.host", "127.0.0.1");
        }
    }

    @Inject
    AwsConfig config;
    @Inject
    Fleet fleet;
    @Inject
    ContainerInstances containerInstances;
    @Inject
    LaunchSpecs launchSpecs;
    @Inject
    AmiCatalog amiCatalog;
    @Inject
    AwsLaunchSpecs awsLaunchSpecs;
    @Inject
    SsmAmiCatalog ssmAmiCatalog;

    @Test
    void portsAreServedByTheAwsAdaptersBuiltFromOperatorAwsSettings() {
        assertThat(config.region()).contains("eu-west-1");
        assertThat(config.apiCallTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(fleet).isInstanceOf(AutoScalingFleet.class);
        assertThat(containerInstances).isInstanceOf(EcsContainerInstances.class);
        assertThat(launchSpecs).isInstanceOf(AwsLaunchSpecs.class);
        assertThat(amiCatalog).isInstanceOf(SsmAmiCatalog.class);
        assertThat(awsLaunchSpecs).isNotNull();
        assertThat(ssmAmiCatalog).isNotNull();
    }
}
