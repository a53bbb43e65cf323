package dev.ecsami.operator.core.model;

import java.util.List;

/**
 * The rollout's account of the group's desired capacity and max size, so that it never writes
 * back a value others have changed since. Each tick records the values the group may have once
 * its mutations ran: all of them, or only the first few (mutations run in order and stop at the
 * first failure or crash). Whatever the next tick observes outside those was done by someone
 * else: a scaling policy, a scheduled action, ECS managed scaling, a person.
 *
 * @param othersNet          others' net change of desired capacity since the baseline
 * @param possibleDesired    desired capacity after none, some or all of the last tick's mutations; the
 *                           last is after all of them
 * @param possibleMax        max size likewise
 * @param maxChangedByOthers someone else set max size during the rollout: it is not restored
 */
public record CapacityLedger(int othersNet, List<Integer> possibleDesired, List<Integer> possibleMax,
                             boolean maxChangedByOthers) {

    public CapacityLedger {
        possibleDesired = List.copyOf(possibleDesired);
        possibleMax = List.copyOf(possibleMax);
        if (possibleDesired.isEmpty() || possibleMax.isEmpty()) {
            throw new IllegalArgumentException("a ledger needs at least one possible desired capacity and max size");
        }
    }

    public static CapacityLedger start(int desired, int max) {
        return new CapacityLedger(0, List.of(desired), List.of(max), false);
    }

    /** Accounts for what was observed: a value the last tick's mutations can explain is the operator's. */
    public CapacityLedger observe(int desired, int max) {
        int net = othersNet;
        if (!possibleDesired.contains(desired)) {
            net += desired - possibleDesired.get(possibleDesired.size() - 1);
        }
        boolean maxChanged = maxChangedByOthers || !possibleMax.contains(max);
        return new CapacityLedger(net, List.of(desired), List.of(max), maxChanged);
    }

    /** What this tick's mutations may leave, in the order they run. */
    public CapacityLedger expect(List<Integer> desired, List<Integer> max) {
        return new CapacityLedger(othersNet, desired, max, maxChangedByOthers);
    }
}
