package dev.ecsami.operator.api;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.GroupSurroundings.CapacityProvider;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.RolloutPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SurroundingsViewTest {

    private static GroupInstance instance(String id, Lifecycle lifecycle, boolean protectedFromScaleIn, int weight) {
        return new GroupInstance(id, "us-east-1a", lifecycle, "lt:1", true, protectedFromScaleIn, weight);
    }

    @Test
    void showsWhatIsSuspendedNowAndOnlyTheProcessesARolloutWouldAddAndResume() {
        GroupState group = new GroupState("g", 2, 1, 4, "lt:1", "ami-1", List.of(), Set.of("AZRebalance",
                "HealthCheck"));
        RolloutPolicy policy = RolloutPolicy.defaults();
        RolloutPolicy more = new RolloutPolicy(1, true, 1, true, policy.drainTimeout(), policy.onDrainTimeout(),
                policy.registrationTimeout(), policy.steadyTimeout(), policy.bakeTime(), policy.pollInterval(),
                Set.of("AZRebalance", "ScheduledActions"), false);

        assertThat(Views.Surroundings.of(group, GroupSurroundings.NONE, policy).rolloutSuspends()).isEmpty();
        Views.Surroundings view = Views.Surroundings.of(group, GroupSurroundings.NONE, more);
        assertThat(view.rolloutSuspends()).containsExactly("ScheduledActions");
        assertThat(view.suspendedProcesses()).containsExactly("AZRebalance", "HealthCheck");
        assertThat(view.capacityProvider()).isNull();
    }

    @Test
    void listsStandbyProtectedAndWeightedInstancesAndTheCapacityProvider() {
        GroupState group = new GroupState("g", 5, 1, 10, "lt:1", "ami-1", List.of(
                instance("i-3", Lifecycle.IN_SERVICE, true, 2), instance("i-1", Lifecycle.STANDBY, false, 1),
                instance("i-2", Lifecycle.TERMINATING, true, 2)), Set.of(), "units", true, List.of("OldestInstance"));
        CapacityProvider cp = new CapacityProvider("cp", true, 100, true, true);
        GroupSurroundings around = new GroupSurroundings(List.of(), List.of(), List.of(), Optional.of(cp),
                List.of("web"));

        Views.Surroundings view = Views.Surroundings.of(group, around, RolloutPolicy.defaults());

        assertThat(view.standbyInstances()).containsExactly("i-1");
        assertThat(view.protectedInstances()).containsExactly("i-3");
        assertThat(view.instanceWeights()).isEqualTo(Map.of("i-1", 1, "i-2", 2, "i-3", 2));
        assertThat(view.capacityProvider()).isEqualTo(cp);
        assertThat(view.newInstancesProtected()).isTrue();
        assertThat(view.terminationPolicies()).containsExactly("OldestInstance");
        assertThat(view.launchTemplateSharedWith()).containsExactly("web");
        assertThat(view.rolloutSuspends()).containsExactly("AZRebalance");
    }
}
