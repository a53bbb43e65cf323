package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.Finding.Code;
import dev.ecsami.operator.core.model.RolloutPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.ecsami.operator.core.rollout.Fleets.active;
import static dev.ecsami.operator.core.rollout.Fleets.group;
import static dev.ecsami.operator.core.rollout.Fleets.inService;
import static dev.ecsami.operator.core.rollout.Fleets.instance;
import static dev.ecsami.operator.core.rollout.Fleets.observe;
import static dev.ecsami.operator.core.rollout.Fleets.service;
import static dev.ecsami.operator.core.rollout.Fleets.standalone;
import static dev.ecsami.operator.core.rollout.Fleets.task;
import static org.assertj.core.api.Assertions.assertThat;

/** The checks before a rollout's first mutation, one fleet at a time. */
class PreflightTest {
    private static final RolloutPolicy SURGE = RolloutPolicy.defaults();
    private static final List<GroupInstance> THREE = List.of(inService("i-1"), inService("i-2"), inService("i-3"));

    private static List<ContainerInstance> registered() {
        return List.of(active("i-1", new Resources(1024, 1024)), active("i-2", new Resources(1024, 1024)),
                active("i-3", new Resources(1024, 1024)));
    }

    private static List<Finding> check(Observation obs, RolloutPolicy policy, List<GroupInstance> outdated) {
        return Preflight.check(obs, policy, outdated);
    }

    private static List<Finding> of(List<Finding> findings, Code code) {
        return findings.stream().filter(f -> f.code() == code).toList();
    }

    private static List<Finding> beyondInfo(List<Finding> findings) {
        return findings.stream().filter(f -> f.severity() != Finding.Severity.INFO).toList();
    }

    @Test
    void aHealthyGroupWithRoomToSurgeHasNoBlockerNorWarning() {
        Observation obs = observe(group(3, 6, THREE), registered(), service("web", 3, 50, 200));

        assertThat(beyondInfo(check(obs, SURGE, THREE))).isEmpty();
    }

    @Test
    void nothingOutdatedIsSaid() {
        Observation obs = observe(group(3, 6, THREE), registered());

        assertThat(of(check(obs, SURGE, List.of()), Code.NOTHING_TO_REPLACE)).hasSize(1);
        assertThat(of(check(obs, SURGE, THREE), Code.NOTHING_TO_REPLACE)).isEmpty();
    }

    @Test
    void aServiceThatCanNeitherStartNorStopATaskFirstBlocks() {
        Observation stuck = observe(group(3, 6, THREE), registered(), service("db", 2, 100, 100));
        Observation roomAbove = observe(group(3, 6, THREE), registered(), service("db", 2, 100, 101));
        Observation roomBelow = observe(group(3, 6, THREE), registered(), service("db", 2, 99, 100));
        Observation scaledToZero = observe(group(3, 6, THREE), registered(), service("db", 0, 100, 100));

        assertThat(of(check(stuck, SURGE, THREE), Code.SERVICE_CANNOT_DRAIN)).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("service db has minimumHealthyPercent 100"));
        assertThat(of(check(roomAbove, SURGE, THREE), Code.SERVICE_CANNOT_DRAIN)).isEmpty();
        assertThat(of(check(roomBelow, SURGE, THREE), Code.SERVICE_CANNOT_DRAIN)).isEmpty();
        assertThat(of(check(scaledToZero, SURGE, THREE), Code.SERVICE_CANNOT_DRAIN)).isEmpty();
    }

    @Test
    void aDaemonServiceNeverBlocksForItsPercentages() {
        ServiceState daemon = new ServiceState("log-router", 3, 3, 0, 0, 100, 100, true, false,
                new Resources(64, 128), Set.of());

        assertThat(of(check(observe(group(3, 6, THREE), registered(), daemon), SURGE, THREE),
                Code.SERVICE_CANNOT_DRAIN)).isEmpty();
    }

    @Test
    void aGroupNoneOfWhoseInstancesIsInTheClusterBlocksAndSomeMissingWarns() {
        List<ContainerInstance> one = List.of(active("i-1", new Resources(1024, 1024)),
                instance("i-2", ContainerInstance.Status.INACTIVE, false, new Resources(0, 0)));

        assertThat(of(check(observe(group(3, 6, THREE), List.of()), SURGE, THREE), Code.NO_REGISTERED_INSTANCES))
                .singleElement().satisfies(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.BLOCKER));
        assertThat(of(check(observe(group(3, 6, THREE), one), SURGE, THREE), Code.UNREGISTERED_INSTANCES))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
                    assertThat(f.message()).endsWith("i-2, i-3");
                });
    }

    @Test
    void instancesNotYetInServiceAreNotExpectedInTheCluster() {
        List<GroupInstance> withPending = List.of(inService("i-1"), inService("i-2"), inService("i-3"),
                new GroupInstance("i-4", "us-east-1a", Lifecycle.PENDING, "lt:2", true));

        assertThat(beyondInfo(check(observe(group(4, 6, withPending), registered()), SURGE, THREE))).isEmpty();
    }

    @Test
    void aDisconnectedAgentWarns() {
        List<ContainerInstance> cluster = List.of(active("i-1", new Resources(1024, 1024)),
                active("i-2", new Resources(1024, 1024)),
                instance("i-3", ContainerInstance.Status.ACTIVE, false, new Resources(1024, 1024)));

        assertThat(of(check(observe(group(3, 6, THREE), cluster), SURGE, THREE), Code.AGENT_DISCONNECTED))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("i-3"));
    }

    @Test
    void suspendedLaunchOrTerminateBlocksAndOtherSuspensionsAreOnlySaid() {
        Observation obs = observe(group(3, 6, THREE, "Terminate", "AlarmNotification"), registered());

        assertThat(of(check(obs, SURGE, THREE), Code.SUSPENDED_PROCESSES)).extracting(Finding::severity)
                .contains(Finding.Severity.BLOCKER, Finding.Severity.INFO);
        assertThat(beyondInfo(check(observe(group(3, 6, THREE, "AlarmNotification"), registered()), SURGE, THREE)))
                .isEmpty();
    }

    @Test
    void surgeRaisesMaxSizeForInFlightAndAheadWhenAllowed() {
        Observation full = observe(group(3, 3, THREE), registered());

        assertThat(of(check(full, SURGE, THREE), Code.MAX_SIZE_RAISED)).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("max size 3 is raised to 5 during the rollout and "
                        + "restored at the end"));
        assertThat(of(check(full, SURGE, List.of(inService("i-1"))), Code.MAX_SIZE_RAISED)).singleElement()
                .as("never more than the outdated instances").satisfies(f -> assertThat(f.message()).contains("to 4"));
        assertThat(of(check(observe(group(3, 5, THREE), registered()), SURGE, THREE), Code.MAX_SIZE_RAISED))
                .as("room for in-flight and ahead already").isEmpty();
    }

    @Test
    void surgeWithoutRoomForItsInFlightInstancesBlocksWhenMaxSizeMayNotBeRaised() {
        RolloutPolicy noRaise = SURGE.withAllowMaxSizeRaise(false);

        assertThat(of(check(observe(group(3, 3, THREE), registered()), noRaise, THREE), Code.MAX_SIZE_NOT_RAISABLE))
                .singleElement().satisfies(f -> assertThat(f.message()).startsWith("surge needs 4 instances but max "
                        + "size is 3"));
        assertThat(beyondInfo(check(observe(group(3, 4, THREE), registered()), noRaise, THREE)))
                .as("room for the one in flight; the one ahead waits for room").isEmpty();
    }

    @Test
    void withoutSurgeMaxSizeDoesNotMatterButSpareCapacityDoes() {
        RolloutPolicy noSurge = SURGE.withSurge(false);
        List<ContainerInstance> packed = List.of(active("i-1", new Resources(0, 0), task("web", 512, 512)),
                active("i-2", new Resources(0, 0), task("web", 512, 512)),
                active("i-3", new Resources(0, 0), task("web", 512, 512)));

        assertThat(beyondInfo(check(observe(group(3, 3, THREE), registered()), noSurge, THREE))).isEmpty();
        assertThat(of(check(observe(group(3, 3, THREE), packed), noSurge, THREE),
                Code.INSUFFICIENT_SPARE_CAPACITY)).hasSize(1);
        assertThat(of(check(observe(group(3, 3, THREE), packed), SURGE, THREE), Code.INSUFFICIENT_SPARE_CAPACITY))
                .as("surge brings its own room").isEmpty();
    }

    @Test
    void standaloneTasksOnOutdatedInstancesWarnAndOnCurrentOnesDoNot() {
        List<ContainerInstance> cluster = List.of(active("i-1", new Resources(1024, 1024), standalone("batch")),
                active("i-2", new Resources(1024, 1024)), active("i-3", new Resources(1024, 1024)));
        Observation obs = observe(group(3, 6, THREE), cluster);

        assertThat(of(check(obs, SURGE, THREE), Code.STANDALONE_TASKS)).singleElement()
                .satisfies(f -> assertThat(f.message()).endsWith("i-1 (1)"));
        assertThat(of(check(obs, SURGE, List.of(inService("i-2"))), Code.STANDALONE_TASKS)).isEmpty();
    }

    @Test
    void capacityCountedInVcpusOrWeightedInstancesBlocks() {
        GroupState vcpu = new GroupState("g", 3, 1, 6, "lt:2", "ami-new", THREE, Set.of(), "vcpu", false,
                List.of("Default"));
        GroupState weighted = group(3, 6, List.of(inService("i-1"), inService("i-2"),
                new GroupInstance("i-3", "us-east-1a", Lifecycle.IN_SERVICE, "lt:1", true, false, 2)));

        assertThat(of(check(observe(vcpu, registered()), SURGE, THREE), Code.WEIGHTED_CAPACITY)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("counts its desired capacity in vcpu"));
        assertThat(of(check(observe(weighted, registered()), SURGE, THREE), Code.WEIGHTED_CAPACITY)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("i-3 (2)"));
    }
}
