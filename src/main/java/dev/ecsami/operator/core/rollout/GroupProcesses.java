package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.RolloutEvent;

import java.util.Set;
import java.util.TreeSet;

/**
 * The Auto Scaling processes the rollout suspends (e.g. AZRebalance, which would otherwise
 * terminate instances without a drain to even out the zones) and gives back. Both are asked for
 * until observed, so a crash at any point only delays them: the next tick asks again.
 */
final class GroupProcesses {
    private GroupProcesses() {
    }

    /**
     * Suspends those of the baseline's processes that are not suspended, from the first tick that
     * changes capacity or terminates on; asked for before any other mutation of the tick.
     */
    static void keepSuspended(Tick tick) {
        boolean started = tick.rollout.events().stream().anyMatch(e -> e.type() == RolloutEvent.Type.PROCESSES_SUSPENDED);
        if (!started && !tick.movesCapacity()) {
            return;
        }
        Set<String> missing = new TreeSet<>(tick.baseline().suspendedByOperator());
        missing.removeAll(tick.observed.group().suspendedProcesses());
        if (missing.isEmpty()) {
            return;
        }
        tick.mutateFirst(new Mutation.SuspendProcesses(tick.group(), missing));
        if (!started) {
            tick.event(RolloutEvent.Type.PROCESSES_SUSPENDED, "", "suspended " + String.join(", ", missing)
                    + " on " + tick.group() + " for the rollout; resumed when it ends");
        }
    }

    /**
     * Resumes exactly the processes the rollout suspended that are still suspended, never one the
     * group had suspended before.
     *
     * @return whether they are all resumed as observed
     */
    static boolean resumed(Tick tick) {
        Set<String> still = new TreeSet<>(tick.baseline().suspendedByOperator());
        still.retainAll(tick.observed.group().suspendedProcesses());
        if (still.isEmpty()) {
            return true;
        }
        tick.mutate(new Mutation.ResumeProcesses(tick.group(), still));
        tick.event(RolloutEvent.Type.PROCESSES_RESUMED, "", "resumed " + String.join(", ", still) + " on "
                + tick.group() + ", as before the rollout");
        return false;
    }
}
