package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Wait until every service of the cluster is steady again: running = desired, one deployment. */
final class WaitSteady implements StepHandler {

    @Override
    public StepResult advance(InstanceStep step, Tick tick) {
        Optional<ContainerInstance> ci = tick.containerInstance(step.instanceId());
        if (ci.isPresent() && ci.get().status() == ContainerInstance.Status.ACTIVE) {
            tick.event(RolloutEvent.Type.DRAIN_STARTED, step.instanceId(), "was set ACTIVE again by someone else; "
                    + "draining again");
            return new StepResult.Advanced(step.enter(StepPhase.DRAIN, tick.now));
        }
        List<ServiceState> unsteady = tick.observed.cluster().services().stream()
                .filter(s -> !s.daemon() && !s.steady()).toList();
        if (unsteady.isEmpty()) {
            tick.event(RolloutEvent.Type.SERVICES_STEADY, step.instanceId(), "all "
                    + tick.observed.cluster().services().size() + " services steady");
            return new StepResult.Advanced(step.enter(StepPhase.TERMINATE, tick.now));
        }
        if (tick.elapsed(step.phaseSince(), tick.policy().steadyTimeout())) {
            String which = unsteady.stream().map(s -> s.name() + " running " + s.running() + "/" + s.desired()
                            + (s.pending() > 0 ? ", " + s.pending() + " pending" : "")
                            + (s.deploymentsInProgress() > 0 ? ", deployment in progress" : ""))
                    .collect(Collectors.joining("; "));
            return new StepResult.Paused(step, "services not steady within "
                    + DurationText.of(tick.policy().steadyTimeout()) + " after draining " + step.instanceId()
                    + ": " + which);
        }
        return new StepResult.Waiting(step);
    }
}
