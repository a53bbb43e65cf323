package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.CapacityLedger;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.port.Fleet;

import java.util.HashSet;
import java.util.Set;

/**
 * When the runner cannot tell whether the last tick's mutations ran (the first tick after a
 * restart, or after a failed call), the capacity ledger says so, and the group's own record settles
 * what the group state cannot.
 */
final class LedgerDoubt {
    private LedgerDoubt() {
    }

    /** The rollout with its ledger marked unsure whether the last tick's mutations all ran. */
    static Rollout unsure(Rollout r) {
        return r.ledger() == null ? r : r.toBuilder().ledger(r.ledger().unsure()).build();
    }

    /**
     * A ledger unsure whether the last tick's decrementing terminations ran, with instances of theirs
     * leaving: the group's scaling activities tell which were asked for. The others the group took
     * itself (a scale-in, a health check, Spot), so their decrement never happened and the change of
     * desired capacity is someone else's.
     *
     * @throws dev.ecsami.operator.core.port.ExternalCallFailed when the activities cannot be read
     */
    static Rollout settled(Rollout r, Observation observed, Fleet fleet) {
        CapacityLedger ledger = r.ledger();
        if (ledger == null || !ledger.mayNotHaveRun()) {
            return r;
        }
        Observation.Lookup lookup = observed.lookup();
        Set<String> leaving = new HashSet<>();
        ledger.decrementing().stream().filter(id -> lookup.groupInstance(id).map(gi -> gi.lifecycle().isLeaving())
                .orElse(true)).forEach(leaving::add);
        if (leaving.isEmpty()) {
            return r;
        }
        Set<String> notMade = new HashSet<>(leaving);
        notMade.removeAll(fleet.terminatedOnRequest(r.autoScalingGroup(), leaving));
        return notMade.isEmpty() ? r : r.toBuilder().ledger(ledger.notMade(notMade)).build();
    }
}
