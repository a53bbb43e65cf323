package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.testing.MutableClock;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.ecsami.operator.aws.AsgFixtures.GROUP;

/**
 * Figure 2, real adapters: the AWS reads of a warm reconcile tick, read as the runner reads after
 * pre-flight ({@link FleetPorts#observe} with {@link TaskDetail#DRAINING}), through the AWS SDK
 * against a WireMock stand-in on loopback answering a static fleet of N instances and S services,
 * one of the instances DRAINING with two tasks left. With {@code booting} the group also holds a
 * Pending instance that has not registered in the cluster, as during a rollout with surge.
 *
 * <p>After a cold tick, {@link #TICKS} ticks follow one poll interval apart; the figure is the
 * costliest of them. The periodic listings (container instances every
 * {@link RegisteredInstances#MAX_AGE}, services every {@link EcsServices#MAX_AGE}) fall outside
 * that minute.
 */
public final class ReadsPerTickBench {
    public static final int TICKS = 4;
    public static final Duration POLL = Duration.ofSeconds(15);

    private ReadsPerTickBench() {
    }

    /** Reads by operation of the costliest warm tick (task definitions already cached by a cold tick). */
    public static Map<String, Integer> warmTick(int n, int s, boolean booting) {
        WireMockServer wm = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .jettyAcceptors(1).containerThreads(8));
        wm.start();
        try (AwsClients clients = new AwsClients(TestConfig.against(wm.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret")))) {
            StaticFleetStub.stubAccount(wm::stubFor, n, s, true, booting);
            MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
            FleetPorts ports = new FleetPorts(new AutoScalingFleet(clients.autoScaling(), clients.ec2()),
                    new EcsContainerInstances(clients.ecs(), clock), null, null, null);
            ports.observe(GROUP, "production", TaskDetail.DRAINING);
            Map<String, Integer> costliest = Map.of();
            for (int tick = 0; tick < TICKS; tick++) {
                clock.advance(POLL);
                wm.resetRequests();
                Observation observed = ports.observe(GROUP, "production", TaskDetail.DRAINING);
                check(observed, booting ? n + 1 : n, n, s);
                Map<String, Integer> reads = StaticFleetStub.callsByOperation(wm.getAllServeEvents());
                if (total(reads) > total(costliest)) {
                    costliest = reads;
                }
            }
            return costliest;
        } finally {
            wm.stop();
        }
    }

    public static int total(Map<String, Integer> reads) {
        return reads.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static void check(Observation observed, int groupSize, int n, int s) {
        int instances = observed.group().instances().size();
        int registered = observed.cluster().instances().size();
        int services = observed.cluster().services().size();
        if (instances != groupSize || registered != n || services != s) {
            throw new IllegalStateException("stub answered " + instances + " instances, " + registered
                    + " container instances, " + services + " services");
        }
    }
}
