package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.ServiceState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimEcsSchedulerTest {
    private final SimClock clock = new SimClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final SimulatedAws aws = new SimulatedAws(clock, SimTimings.realistic());

    private void run(Duration d) {
        for (long s = 0; s < d.toSeconds(); s += 5) {
            clock.advance(Duration.ofSeconds(5));
            aws.advance();
        }
    }

    private ServiceState api() {
        return aws.peekCluster("prod").service("api").orElseThrow();
    }

    /** api (2 tasks, 100/200 %) on three instances; one running a task is set DRAINING. */
    private ContainerInstance apiOnThreeInstancesOneDrained() {
        aws.setup().group("asg", "prod", List.of("us-east-1a", "us-east-1b"), 3, 1, 4, "ami-1")
                .service("prod", "api", 2, 100, 200, 256, 256);
        ContainerInstance busy = aws.peekCluster("prod").instances().stream().filter(ci -> ci.blockingTasks() > 0)
                .findFirst().orElseThrow();
        aws.containerInstances().setState("prod", List.of(busy.arn()), ContainerInstance.Status.DRAINING);
        return busy;
    }

    @Test
    void surplusTasksOnActiveInstancesAreStoppedWhenAnInstanceIsSetBackToActive() {
        ContainerInstance busy = apiOnThreeInstancesOneDrained();
        run(Duration.ofSeconds(10));
        aws.containerInstances().setState("prod", List.of(busy.arn()), ContainerInstance.Status.ACTIVE);
        run(Duration.ofSeconds(60));

        assertThat(api().running()).isEqualTo(2);
        assertThat(api().steady()).isTrue();
    }

    private java.util.Map<String, Long> tasksPerInstance(String service) {
        java.util.Map<String, Long> per = new java.util.TreeMap<>();
        for (ContainerInstance ci : aws.peekCluster("prod").instances()) {
            per.put(ci.ec2InstanceId(), ci.tasks().stream().filter(t -> t.service().equals(service)).count());
        }
        return per;
    }

    @Test
    void binpackOnMemoryFillsOneInstanceBeforeTheNext() {
        aws.setup().instanceSize(2048, 2048).group("asg", "prod", List.of("us-east-1a", "us-east-1b"), 3, 1, 4, "ami-1")
                .service("prod", "batch", 5, 0, 100, 128, 512, java.util.Set.of(), false, SimPlacement.BINPACK_MEMORY);

        assertThat(tasksPerInstance("batch").values()).containsExactlyInAnyOrder(4L, 1L, 0L);
    }

    @Test
    void spreadOverZonesBalancesTheZonesThenTheInstancesWithinThem() {
        aws.setup().group("asg", "prod", List.of("us-east-1a", "us-east-1b"), 4, 1, 4, "ami-1")
                .service("prod", "web", 6, 50, 200, 128, 128, java.util.Set.of(), false, SimPlacement.SPREAD_AZ);

        assertThat(tasksPerInstance("web").values()).containsExactlyInAnyOrder(2L, 2L, 1L, 1L);
    }

    @Test
    void tasksStartedToReplaceDrainedOnesAreCountedPerService() {
        apiOnThreeInstancesOneDrained();
        run(Duration.ofSeconds(60));

        assertThat(aws.taskTimes().taskStarts()).containsEntry("api", 1);
        assertThat(api().steady()).isTrue();
    }
}
