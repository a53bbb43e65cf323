package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gives back what the rollout changed, when it ends in any way: surge capacity still in the
 * group (drained through the normal loop, then terminated with decrement; never by lowering
 * desired capacity and letting the group choose), max size, the scale-in protection it set, the
 * processes it suspended, and ACTIVE state for the instances it let go of undrained. Each is
 * asked for until observed done, so a crash only delays it.
 */
final class WindDown {
    /** Where the wind-down stands after this tick. */
    enum Progress {
        /** Surplus capacity is being given back: processes stay suspended meanwhile. */
        GIVING_BACK,
        /** Max size, protection or processes asked back; looked at again next tick. */
        RESTORING,
        DONE
    }

    private WindDown() {
    }

    /**
     * @param mayGiveBack false once a step of the wind-down could not be given back: no more surplus
     *                    is then taken from the group. The zones are still evened out before
     *                    AZRebalance is resumed (which would otherwise even them without a drain);
     *                    that stops on its own once one of its steps cannot finish.
     */
    static Progress advance(Tick tick, boolean mayGiveBack) {
        boolean reactivated = Reactivate.skippedActive(tick);
        if (mayGiveBack && givingBack(tick) || ZoneBalance.evening(tick)) {
            return Progress.GIVING_BACK;
        }
        boolean done = reactivated & maxRestored(tick);
        done &= ScaleInProtection.unprotected(tick);
        done &= GroupProcesses.resumed(tick);
        return done ? Progress.DONE : Progress.RESTORING;
    }

    /**
     * Desired capacity above what it would be without the rollout (the baseline plus others'
     * changes) and the surge slots of steps still in flight.
     */
    static int surplus(Tick tick) {
        return tick.desired() - tick.desiredWithoutRollout() - tick.surgeSlots();
    }

    /**
     * Starts give-back steps for the surplus, up to max-in-flight, on serving instances that are
     * not outdated, from the largest zone (so the zones stay balanced), the least busy first, while
     * the floor allows.
     *
     * @return whether surplus is still being given back
     */
    private static boolean givingBack(Tick tick) {
        long inFlight = tick.steps().stream().filter(s -> s.giveBack() && !s.phase().isFinished())
                .filter(s -> s.phase() != StepPhase.TERMINATE || tick.groupInstance(s.instanceId())
                        .map(gi -> !gi.lifecycle().isLeaving()).orElse(false))
                .count();
        int surplus = surplus(tick);
        if (surplus <= inFlight) {
            return inFlight > 0 || tick.steps().stream().anyMatch(s -> s.giveBack() && !s.phase().isFinished());
        }
        Set<String> busy = new HashSet<>();
        tick.steps().stream().filter(s -> !s.phase().isFinished()).forEach(s -> busy.add(s.instanceId()));
        Set<String> outdated = new HashSet<>();
        tick.outdated().forEach(gi -> outdated.add(gi.instanceId()));
        java.util.Map<String, Long> zoneSize = tick.observed.group().instances().stream()
                .filter(gi -> !gi.lifecycle().isLeaving() && gi.lifecycle() != Lifecycle.STANDBY)
                .collect(java.util.stream.Collectors.groupingBy(GroupInstance::availabilityZone,
                        java.util.stream.Collectors.counting()));
        List<GroupInstance> candidates = tick.observed.group().instances().stream()
                .filter(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE && tick.serves(gi.instanceId()))
                .filter(gi -> !busy.contains(gi.instanceId()) && !outdated.contains(gi.instanceId()))
                .sorted(Comparator.comparingLong((GroupInstance gi) -> -zoneSize.get(gi.availabilityZone()))
                        .thenComparingLong((GroupInstance gi) -> tasks(tick, gi))
                        .thenComparing(GroupInstance::instanceId, Comparator.reverseOrder()))
                .toList();
        boolean booting = tick.observed.group().instances().stream()
                .anyMatch(gi -> gi.lifecycle() == Lifecycle.PENDING
                        || gi.lifecycle() == Lifecycle.IN_SERVICE && !tick.serves(gi.instanceId()));
        long toStart = surplus - inFlight;
        long wanted = toStart;
        for (GroupInstance gi : candidates) {
            if (toStart <= 0 || tick.slotsInUse() >= tick.policy().maxInFlight()
                    || tick.servingCapacity() - 1 < tick.floor()) {
                break;
            }
            String arn = tick.containerInstance(gi.instanceId()).map(ContainerInstance::arn).orElse("");
            InstanceStep step = InstanceStep.extra(InstanceStep.Purpose.GIVE_BACK, gi.instanceId(),
                    gi.availabilityZone(), arn, tick.now);
            tick.replace(step);
            tick.event(RolloutEvent.Type.INSTANCE_STARTED, gi.instanceId(), "giving back " + gi.instanceId()
                    + ": desired capacity " + tick.desired() + " is " + surplus + " above the "
                    + tick.desiredWithoutRollout() + " the group would have without the rollout");
            new Drain().advance(step, tick);
            toStart--;
        }
        if (toStart < wanted || inFlight > 0 || booting) {
            return true;
        }
        if (tick.rollout.events().stream().noneMatch(e -> e.type() == RolloutEvent.Type.CAPACITY_RESTORED
                && e.message().startsWith("surplus"))) {
            tick.event(RolloutEvent.Type.CAPACITY_RESTORED, "", "surplus of " + surplus + " left in place: no "
                    + "serving instance can be drained without going below the floor of " + tick.floor());
        }
        return false;
    }

    private static long tasks(Tick tick, GroupInstance gi) {
        return tick.containerInstance(gi.instanceId()).map(ContainerInstance::blockingTasks).orElse(0L);
    }

    /**
     * Max size back to the baseline unless someone else changed it during the rollout; never
     * below the desired capacity.
     */
    private static boolean maxRestored(Tick tick) {
        int observedMax = tick.observed.group().max();
        int desired = tick.observed.group().desired();
        int wanted = tick.ledger.maxChangedByOthers() ? Math.max(observedMax, desired)
                : Math.max(tick.baseline().max(), desired);
        if (observedMax == wanted) {
            return true;
        }
        tick.mutate(new Mutation.SetCapacity(tick.group(), desired, wanted));
        tick.event(RolloutEvent.Type.CAPACITY_RESTORED, "", "max size " + observedMax + " -> " + wanted);
        return false;
    }
}
