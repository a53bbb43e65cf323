package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Before the rollout resumes AZRebalance, the zones are evened out through the normal loop, one
 * instance of the largest zone at a time: with surge it gets a replacement first (the group
 * launches in its smallest zone), then is drained and terminated with decrement; without, it is
 * drained, then terminated without decrement and the group launches its replacement in its
 * smallest zone. Otherwise AZRebalance, once resumed, would do the same without a drain.
 */
final class ZoneBalance {
    private ZoneBalance() {
    }

    /** @return whether zones are being evened out (the wind-down waits for it) */
    static boolean evening(Tick tick) {
        if (!tick.baseline().suspendedByOperator().contains("AZRebalance")) {
            return false;
        }
        boolean inFlight = tick.steps().stream()
                .anyMatch(s -> s.purpose() == InstanceStep.Purpose.REBALANCE && !s.phase().isFinished());
        if (inFlight) {
            return true;
        }
        boolean gaveUp = tick.steps().stream().anyMatch(s -> s.purpose() == InstanceStep.Purpose.REBALANCE
                && s.phase() == StepPhase.SKIPPED);
        Map<String, Integer> size = new TreeMap<>();
        tick.observed.group().availabilityZones().forEach(z -> size.put(z, 0));
        tick.observed.group().instances().stream()
                .filter(gi -> !gi.lifecycle().isLeaving() && gi.lifecycle() != Lifecycle.STANDBY)
                .forEach(gi -> size.merge(gi.availabilityZone(), 1, Integer::sum));
        if (gaveUp || size.size() < 2) {
            return false;
        }
        int most = size.values().stream().max(Integer::compare).orElse(0);
        int least = size.values().stream().min(Integer::compare).orElse(0);
        if (most - least < 2) {
            return false;
        }
        boolean booting = tick.observed.group().instances().stream().anyMatch(gi -> gi.lifecycle() == Lifecycle.PENDING
                || gi.lifecycle() == Lifecycle.IN_SERVICE && !tick.serves(gi.instanceId()));
        if (booting) {
            return true;
        }
        Set<String> outdated = new HashSet<>();
        tick.outdated().forEach(gi -> outdated.add(gi.instanceId()));
        Optional<GroupInstance> candidate = tick.observed.group().instances().stream()
                .filter(gi -> size.getOrDefault(gi.availabilityZone(), 0) == most)
                .filter(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE && tick.serves(gi.instanceId()))
                .filter(gi -> !outdated.contains(gi.instanceId()))
                .min(Comparator.comparingLong((GroupInstance gi) -> tick.containerInstance(gi.instanceId())
                        .map(ContainerInstance::blockingTasks).orElse(0L)).thenComparing(GroupInstance::instanceId));
        boolean surge = tick.policy().surge();
        if (candidate.isEmpty() || (!surge && tick.servingCapacity() - 1 < tick.floor())
                || tick.slotsInUse() >= tick.policy().maxInFlight()) {
            return false;
        }
        GroupInstance gi = candidate.get();
        String arn = tick.containerInstance(gi.instanceId()).map(ContainerInstance::arn).orElse("");
        InstanceStep step = surge
                ? new InstanceStep(gi.instanceId(), gi.availabilityZone(), arn, StepPhase.LAUNCH_REPLACEMENT,
                java.util.List.of(new dev.ecsami.operator.core.model.PhaseMark(StepPhase.LAUNCH_REPLACEMENT, tick.now)),
                false, InstanceStep.Purpose.REBALANCE)
                : InstanceStep.extra(InstanceStep.Purpose.REBALANCE, gi.instanceId(), gi.availabilityZone(), arn,
                tick.now);
        tick.replace(step);
        tick.event(RolloutEvent.Type.INSTANCE_STARTED, gi.instanceId(), "evening out the zones before AZRebalance "
                + "is resumed: " + size + "; " + gi.instanceId() + " in " + gi.availabilityZone()
                + (surge ? " gets a replacement first (in the group's smallest zone), then is drained and terminated"
                : " is drained, then the group launches its replacement in its smallest zone"));
        if (!surge) {
            new Drain().advance(step, tick);
        }
        return true;
    }
}
