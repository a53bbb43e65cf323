package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.model.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.ecsami.operator.core.rollout.Fleets.active;
import static dev.ecsami.operator.core.rollout.Fleets.daemon;
import static dev.ecsami.operator.core.rollout.Fleets.distinct;
import static dev.ecsami.operator.core.rollout.Fleets.group;
import static dev.ecsami.operator.core.rollout.Fleets.inService;
import static dev.ecsami.operator.core.rollout.Fleets.instance;
import static dev.ecsami.operator.core.rollout.Fleets.observe;
import static dev.ecsami.operator.core.rollout.Fleets.task;
import static org.assertj.core.api.Assertions.assertThat;

/** Without surge, the tasks of each batch of drained instances must fit on the instances that stay. */
class SpareCapacityTest {
    private static final List<GroupInstance> A_AND_B = List.of(inService("i-a"), inService("i-b"));

    private static List<Finding> check(List<ContainerInstance> cluster, int batch, List<GroupInstance> outdated,
                                       dev.ecsami.operator.core.fleet.ServiceState... services) {
        Observation obs = observe(group(cluster.size(), cluster.size(), A_AND_B), cluster, services);
        return SpareCapacity.check(obs, outdated, batch);
    }

    @Test
    void tasksThatFitOnTheInstancesThatStayAreNoBlocker() {
        List<ContainerInstance> cluster = List.of(active("i-a", new Resources(0, 0), task("web", 512, 1024)),
                active("i-c", new Resources(512, 1024)));

        assertThat(check(cluster, 1, List.of(inService("i-a")))).isEmpty();
    }

    @Test
    void aTaskNeedingOneCpuUnitMoreThanIsFreeBlocksNamingTheInstanceAndService() {
        List<ContainerInstance> cluster = List.of(active("i-a", new Resources(0, 0), task("web", 513, 1024)),
                active("i-c", new Resources(512, 4096)));

        assertThat(check(cluster, 1, List.of(inService("i-a")))).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.BLOCKER);
            assertThat(f.code()).isEqualTo(Finding.Code.INSUFFICIENT_SPARE_CAPACITY);
            assertThat(f.message()).contains("draining i-a").contains("service web (513 CPU, 1024 MiB)");
        });
    }

    @Test
    void aHostPortTakenOnEveryOtherInstanceBlocks() {
        List<ContainerInstance> cluster = List.of(active("i-a", new Resources(0, 0), task("proxy", 128, 128, 80)),
                active("i-c", new Resources(2048, 4096), task("lb", 128, 128, 80)));

        assertThat(check(cluster, 1, List.of(inService("i-a")))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("host ports [80]"));
    }

    @Test
    void distinctInstancePlacementNeedsAnInstanceWithoutATaskOfTheService() {
        List<ContainerInstance> cluster = List.of(active("i-a", new Resources(0, 0), task("api", 128, 128)),
                active("i-c", new Resources(2048, 4096), task("api", 128, 128)));

        assertThat(check(cluster, 1, List.of(inService("i-a")), distinct("api", 2))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("distinctInstance"));
        assertThat(check(cluster, 1, List.of(inService("i-a")))).as("the same tasks without the constraint")
                .isEmpty();
    }

    @Test
    void aBatchOfTwoMustFitTogetherEvenWhenEachAloneWould() {
        List<ContainerInstance> cluster = List.of(active("i-a", new Resources(0, 0), task("web", 512, 512)),
                active("i-b", new Resources(0, 0), task("web", 512, 512)),
                active("i-c", new Resources(512, 4096)));

        assertThat(check(cluster, 1, List.of(inService("i-a")))).isEmpty();
        assertThat(check(cluster, 2, A_AND_B)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("draining i-a, i-b"));
    }

    @Test
    void onlyTheFirstBatchThatDoesNotFitIsReported() {
        List<ContainerInstance> cluster = List.of(active("i-a", new Resources(0, 0), task("web", 900, 512)),
                active("i-b", new Resources(0, 0), task("web", 900, 512)),
                active("i-c", new Resources(512, 4096)));

        assertThat(check(cluster, 1, A_AND_B)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("draining i-a ").doesNotContain("i-b"));
    }

    @Test
    void instancesThatDrainOrLostTheirAgentOfferNoRoom() {
        List<ContainerInstance> cluster = List.of(active("i-a", new Resources(0, 0), task("web", 256, 256)),
                instance("i-d", ContainerInstance.Status.DRAINING, true, new Resources(4096, 8192)),
                instance("i-e", ContainerInstance.Status.ACTIVE, false, new Resources(4096, 8192)));

        assertThat(check(cluster, 1, List.of(inService("i-a")))).hasSize(1);
    }

    @Test
    void daemonTasksDoNotMoveAndNeedNoRoom() {
        List<ContainerInstance> cluster = List.of(active("i-a", new Resources(0, 0), daemon("log-router")),
                active("i-c", new Resources(0, 0)));

        assertThat(check(cluster, 1, List.of(inService("i-a")))).isEmpty();
    }

    @Test
    void theLargestTasksArePlacedFirstSoTheyFindRoom() {
        // In listed order the small task would take the large bin and leave the large task nowhere.
        List<ContainerInstance> cluster = List.of(
                active("i-a", new Resources(0, 0), task("small", 400, 0), task("large", 600, 0)),
                active("i-c", new Resources(600, 0)), active("i-d", new Resources(400, 0)));

        assertThat(check(cluster, 1, List.of(inService("i-a")))).isEmpty();
    }
}
