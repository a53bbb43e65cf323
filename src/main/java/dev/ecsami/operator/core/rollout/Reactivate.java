package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.StepPhase;

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

    /**
     * Instances of skipped steps that are still DRAINING in service are set ACTIVE again, asked
     * every tick until observed (a crash between deciding and doing would leave them DRAINING).
     *
     * @return whether none is left DRAINING
     */
    static boolean skippedActive(Tick tick) {
        boolean done = true;
        for (InstanceStep s : tick.steps()) {
            boolean inService = tick.groupInstance(s.instanceId())
                    .map(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE).orElse(false);
            if (s.phase() != StepPhase.SKIPPED || !inService) {
                continue;
            }
            Optional<Mutation> m = ifDraining(tick.observed, tick.cluster(), s.instanceId());
            m.ifPresent(tick::mutate);
            done &= m.isEmpty();
        }
        return done;
    }
}
