package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.LaunchSpecs;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import dev.ecsami.operator.SimulatedTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application wires the AWS adapters from operator.aws.* without ambiguity; each is built on its
 * first call (behind a client proxy). No AWS call is made.
 */
@QuarkusTest
@TestProfile(SimulatedTestProfile.class)
class AwsProducersTest {

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
        assertThat(ClientProxy.unwrap(fleet)).isInstanceOf(AutoScalingFleet.class);
        assertThat(ClientProxy.unwrap(containerInstances)).isInstanceOf(EcsContainerInstances.class);
        assertThat(ClientProxy.unwrap(launchSpecs)).isInstanceOf(AwsLaunchSpecs.class);
        assertThat(ClientProxy.unwrap(amiCatalog)).isInstanceOf(SsmAmiCatalog.class);
        assertThat(awsLaunchSpecs).isNotNull();
        assertThat(ssmAmiCatalog).isNotNull();
    }
}
