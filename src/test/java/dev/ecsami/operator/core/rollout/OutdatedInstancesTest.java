package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.fleet.Resources;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OutdatedInstancesTest {
    private static final String NEW = "ami-00000000000000002";

    private static GroupInstance gi(String id, String az, String ref) {
        return new GroupInstance(id, az, Lifecycle.IN_SERVICE, ref, true);
    }

    private static ContainerInstance ci(String id, String ami) {
        return new ContainerInstance("arn:" + id, id, ContainerInstance.Status.ACTIVE, true, ami,
                new Resources(1024, 1024), new Resources(1024, 1024), Set.of(), 0, 0, false, List.of());
    }

    private static ContainerInstance busy(String id, int runningTasks) {
        return new ContainerInstance("arn:" + id, id, ContainerInstance.Status.ACTIVE, true, "ami-00000000000000001",
                new Resources(1024, 1024), new Resources(1024, 1024), Set.of(), runningTasks, 0, false, List.of());
    }

    @Test
    void theOrderFollowsWhereTheGroupWillLaunchSoEachZoneGetsAReplacementPerOldInstanceItLoses() {
        GroupState g = new GroupState("g", 7, 1, 8, "lt:2", NEW, List.of(
                gi("i-a2", "a", "lt:1"), gi("i-b1", "b", "lt:1"), gi("i-b2", "b", "lt:1"),
                gi("i-b3", "b", "lt:1"), gi("i-a1", "a", "lt:1"), gi("i-c1", "c", "lt:1"),
                gi("i-c-new", "c", "lt:2")), Set.of());
        Observation obs = new Observation(g, new ClusterState("c", List.of(), List.of()));

        // b1 first (most outdated of the zones with no current instance); each one gone frees its
        // zone's slot, which the group's next launch fills, so the zones stay 2/3/2 throughout.
        assertThat(OutdatedInstances.select(obs, NEW)).extracting(GroupInstance::instanceId)
                .containsExactly("i-b1", "i-b2", "i-a1", "i-b3", "i-c1", "i-a2");
    }

    @Test
    void withinAZoneTheInstancesRunningFewestTasksGoFirst() {
        GroupState g = new GroupState("g", 3, 1, 4, "lt:2", NEW, List.of(
                gi("i-1", "a", "lt:1"), gi("i-2", "a", "lt:1"), gi("i-3", "a", "lt:1")), Set.of());
        ClusterState c = new ClusterState("c", List.of(busy("i-1", 3), busy("i-2", 0), busy("i-3", 1)), List.of());

        assertThat(OutdatedInstances.select(new Observation(g, c), NEW)).extracting(GroupInstance::instanceId)
                .containsExactly("i-2", "i-3", "i-1");
    }

    @Test
    void instancesAlreadyBeingReplacedComeFirstInTheOrderStartedAndTheirZonesGetTheNextLaunches() {
        GroupState g = new GroupState("g", 6, 1, 8, "lt:2", NEW, List.of(
                gi("i-a1", "a", "lt:1"), gi("i-a2", "a", "lt:1"), gi("i-b1", "b", "lt:1"),
                gi("i-b2", "b", "lt:1"), gi("i-c1", "c", "lt:1"), gi("i-c2", "c", "lt:1")), Set.of());
        Observation obs = new Observation(g, new ClusterState("c", List.of(), List.of()));

        // a1 and a2 go first; their zone gets the group's next two launches, so b and c are taken first.
        assertThat(OutdatedInstances.select(obs, NEW, new LinkedHashSet<>(List.of("i-a2", "i-a1"))))
                .extracting(GroupInstance::instanceId).containsExactly("i-a2", "i-a1", "i-b1", "i-c1", "i-b2", "i-c2");
    }

    @Test
    void anInstanceIsOutdatedByItsLaunchReferenceOrByItsReportedAmi() {
        GroupState g = new GroupState("g", 4, 1, 8, "lt:2", NEW, List.of(
                gi("i-current", "a", "lt:2"), gi("i-old-ref", "a", "lt:1"), gi("i-old-ami", "a", "lt:2"),
                gi("i-pending", "a", "lt:1")), Set.of());
        ClusterState c = new ClusterState("c", List.of(ci("i-current", NEW), ci("i-old-ref", NEW),
                ci("i-old-ami", "ami-00000000000000001")), List.of());
        Observation obs = new Observation(g, c);

        assertThat(OutdatedInstances.select(obs, NEW)).extracting(GroupInstance::instanceId)
                .containsExactly("i-old-ami", "i-old-ref", "i-pending");
    }
}
