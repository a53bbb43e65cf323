package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.RolloutEvent;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scale-in protection of the instances launched during the rollout, so that a scale-in by a
 * policy, a scheduled action or ECS managed scaling cannot pick a replacement the rollout still
 * needs. AWS applies protection only from InService on ("Instance scale-in protection starts when
 * the instance state is InService", EC2 Auto Scaling User Guide, Use instance scale-in protection:
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-instance-protection.html),
 * so a replacement can be picked in the short window before. Left alone when the group protects
 * new instances itself or ECS managed termination protection manages protection.
 *
 * <p>Protection does not stop the rollout's own TerminateInstanceInAutoScalingGroup: the same page
 * lists manual termination through that action, health check replacement and Spot interruptions
 * as what scale-in protection does not protect from.
 */
final class ScaleInProtection {
    private ScaleInProtection() {
    }

    /** Protects the InService instances that were not in the group at the start and are unprotected. */
    static void protectNewInstances(Tick tick) {
        if (!tick.baseline().protectsReplacements()) {
            return;
        }
        Set<String> atStart = new HashSet<>(tick.baseline().instancesAtStart());
        List<String> ids = tick.observed.group().instances().stream()
                .filter(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE && !gi.protectedFromScaleIn())
                .map(GroupInstance::instanceId)
                .filter(id -> !atStart.contains(id))
                .filter(id -> tick.steps().stream().noneMatch(s -> s.giveBack() && s.instanceId().equals(id)))
                .sorted().toList();
        if (!ids.isEmpty()) {
            tick.mutate(new Mutation.SetProtection(tick.group(), ids, true));
        }
    }

    /**
     * Takes off the protection the rollout set: every instance protected now that was not
     * protected when it started.
     *
     * @return whether none is left
     */
    static boolean unprotected(Tick tick) {
        if (!tick.baseline().protectsReplacements()) {
            return true;
        }
        Set<String> before = new HashSet<>(tick.baseline().protectedAtStart());
        List<String> ids = tick.observed.group().instances().stream()
                .filter(gi -> gi.protectedFromScaleIn() && !before.contains(gi.instanceId()))
                .filter(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE || gi.lifecycle() == Lifecycle.STANDBY)
                .map(GroupInstance::instanceId).sorted().toList();
        if (ids.isEmpty()) {
            return true;
        }
        tick.mutate(new Mutation.SetProtection(tick.group(), ids, false));
        tick.event(RolloutEvent.Type.CAPACITY_RESTORED, "", "scale-in protection the rollout set taken off "
                + String.join(", ", ids));
        return false;
    }
}
