package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

import java.util.Optional;

/**
 * An instance the rollout has not asked to terminate yet that is leaving anyway: the group
 * replaced it (health check, Spot interruption, scale-in, rebalancing) without a drain by the
 * operator. The step goes on to wait for it to be gone; surge capacity it raised is given back at
 * the end. An instance moved to Standby is left out of the rollout while it is there.
 */
final class LeftTheGroup {
    private LeftTheGroup() {
    }

    static InstanceStep check(InstanceStep step, Tick tick) {
        StepPhase p = step.phase();
        if (p != StepPhase.LAUNCH_REPLACEMENT && p != StepPhase.DRAIN && p != StepPhase.WAIT_STEADY) {
            return step;
        }
        Optional<GroupInstance> gi = tick.groupInstance(step.instanceId());
        if (gi.isEmpty() || gi.get().lifecycle().isLeaving()) {
            tick.event(RolloutEvent.Type.REPLACED_BY_GROUP, step.instanceId(), step.instanceId()
                    + (gi.isEmpty() ? " left the group" : " is being terminated")
                    + " by the group (health check replacement, Spot interruption, scale-in or rebalancing), "
                    + "not drained by the operator" + (step.extra() ? "" : "; the group launches its replacement"));
            InstanceStep left = step.enter(StepPhase.TERMINATE, tick.now);
            tick.replace(left);
            return left;
        }
        if (gi.get().lifecycle() == Lifecycle.STANDBY) {
            Reactivate.ifDraining(tick.observed, tick.cluster(), step.instanceId()).ifPresent(tick::mutate);
            tick.event(RolloutEvent.Type.INSTANCE_SKIPPED, step.instanceId(), step.instanceId()
                    + " was moved to Standby; the rollout leaves it as it is");
            InstanceStep skipped = step.enter(StepPhase.SKIPPED, tick.now);
            tick.replace(skipped);
            return skipped;
        }
        return step;
    }

    /**
     * A replacement skipped when its instance went to Standby, whose instance is back in service
     * while the rollout runs: it is replaced after all.
     */
    static boolean backFromStandby(InstanceStep step, Tick tick) {
        return tick.rollout.state() == dev.ecsami.operator.core.model.RolloutState.RUNNING
                && step.phase() == StepPhase.SKIPPED && !step.extra()
                && tick.groupInstance(step.instanceId()).map(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE).orElse(false);
    }
}
