package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Observation;

import java.util.Optional;

/** Setting an instance the rollout drains back to ACTIVE, when it lets go of it undrained. */
final class Reactivate {
    private Reactivate() {
    }

    /** The mutation that sets the instance ACTIVE again, if it is DRAINING. */
    static Optional<Mutation> ifDraining(Observation observed, String cluster, String instanceId) {
        return observed.containerInstance(instanceId)
                .filter(ci -> ci.status() == ContainerInstance.Status.DRAINING)
                .map(ci -> new Mutation.SetInstanceState(cluster, ci.arn(), instanceId, ContainerInstance.Status.ACTIVE));
    }
}
