package dev.ecsami.operator.core.model;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The rollout's account of the group's desired capacity and max size, so that it never writes
 * back a value others have changed since. Each tick records what its mutations change: the
 * terminations that decrement desired capacity and the capacity it sets. The next tick tells
 * which of them took effect (a termination did when its instance is leaving; mutations run in
 * order and stop at the first failure or crash), and whatever else it observes was done by
 * someone else: a scaling policy, a scheduled action, ECS managed scaling, a person.
 *
 * @param othersNet          others' net change of desired capacity since the baseline
 * @param fromDesired        desired capacity the last tick observed
 * @param decrementing       instances the last tick terminated decrementing desired capacity, in order
 * @param setDesired         desired capacity the last tick set after those, or null
 * @param fromMax            max size the last tick observed
 * @param setMax             max size the last tick set, or null
 * @param maxChangedByOthers someone else set max size during the rollout: it is not restored
 * @param mayNotHaveRun      the last tick's mutations may not all have run: one failed, or the process
 *                           stopped (the first tick after a start); then a value from before them is
 *                           taken for theirs not having run, otherwise for someone else's change
 */
public record CapacityLedger(int othersNet, int fromDesired, List<String> decrementing, Integer setDesired,
                             int fromMax, Integer setMax, boolean maxChangedByOthers, boolean mayNotHaveRun) {

    public CapacityLedger {
        decrementing = decrementing == null ? List.of() : List.copyOf(decrementing);
    }

    public static CapacityLedger start(int desired, int max) {
        return new CapacityLedger(0, desired, List.of(), null, max, null, false, false);
    }

    /**
     * Accounts for what was observed.
     *
     * @param left whether an instance is leaving the group or gone (its termination took effect)
     */
    public CapacityLedger observe(int desired, int max, Predicate<String> left) {
        int applied = (int) decrementing.stream().filter(left).count();
        boolean allRan = applied == decrementing.size();
        int afterTerminations = fromDesired - applied;
        int expected = allRan && setDesired != null ? setDesired : afterTerminations;
        int net = othersNet;
        if (desired != expected && !(mayNotHaveRun && desired == afterTerminations)) {
            net += desired - expected;
        }
        boolean maxRan = setMax == null || max == setMax || mayNotHaveRun && max == fromMax;
        boolean maxChanged = maxChangedByOthers || (setMax == null ? max != fromMax : !maxRan);
        return new CapacityLedger(net, desired, List.of(), null, max, null, maxChanged, false);
    }

    /** What this tick's mutations change, from what it observed. */
    public CapacityLedger expect(int desired, List<String> decrements, Integer set, int max, Integer maxSet) {
        return new CapacityLedger(othersNet, desired, decrements, set, max, maxSet, maxChangedByOthers, false);
    }

    /**
     * Terminations of the last tick that never reached AWS although their instances are leaving:
     * the group took those instances itself (scale-in, health check, Spot), so the decrement and
     * whatever else the rollout asked for in that tick did not happen. Mutations run in order and
     * stop at the first that does not, so the terminations after the first such one and the
     * capacity set after them did not run either.
     */
    public CapacityLedger notMade(Set<String> instanceIds) {
        for (int i = 0; i < decrementing.size(); i++) {
            if (instanceIds.contains(decrementing.get(i))) {
                return new CapacityLedger(othersNet, fromDesired, decrementing.subList(0, i), null, fromMax, null,
                        maxChangedByOthers, mayNotHaveRun);
            }
        }
        return this;
    }

    /** The last tick's mutations may not all have run. */
    public CapacityLedger unsure() {
        return new CapacityLedger(othersNet, fromDesired, decrementing, setDesired, fromMax, setMax,
                maxChangedByOthers, true);
    }
}
