package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ecsami.operator.aws.AsgFixtures.GROUP;

/**
 * Figure 2, real adapters: the AWS reads of one warm reconcile tick ({@link AutoScalingFleet} and
 * {@link EcsContainerInstances} with {@link TaskDetail#DRAINING}, as the runner reads after
 * pre-flight) through the AWS SDK against a WireMock stand-in on loopback answering a static fleet
 * of N instances and S services, one of the instances DRAINING with two tasks left.
 */
public final class ReadsPerTickBench {
    private ReadsPerTickBench() {
    }

    /** Reads by operation of one warm tick (task definitions already cached by a first tick). */
    public static Map<String, Integer> warmTick(int n, int s) {
        WireMockServer wm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .jettyAcceptors(1).containerThreads(8));
        wm.start();
        try (AwsClients clients = new AwsClients(TestConfig.against(wm.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret")))) {
            StaticFleetStub.stubAccount(wm::stubFor, n, s, true);
            AutoScalingFleet fleet = new AutoScalingFleet(clients.autoScaling(), clients.ec2());
            EcsContainerInstances ecs = new EcsContainerInstances(clients.ecs());
            fleet.describe(GROUP);
            ecs.describe("production", TaskDetail.DRAINING);
            wm.resetRequests();
            int instances = fleet.describe(GROUP).instances().size();
            ClusterState cluster = ecs.describe("production", TaskDetail.DRAINING);
            if (instances != n || cluster.instances().size() != n || cluster.services().size() != s) {
                throw new IllegalStateException("stub answered " + instances + " instances, "
                        + cluster.instances().size() + " container instances, " + cluster.services().size()
                        + " services");
            }
            return StaticFleetStub.callsByOperation(wm.getAllServeEvents());
        } finally {
            wm.stop();
        }
    }
}
