package dev.ecsami.operator.runtime;

import java.util.Optional;

/** A lease table in memory, with a switch that makes it unreachable (a network partition). */
public final class MemoryLeaseTable implements LeaseTable {
    private Optional<Lease> stored = Optional.empty();
    private boolean reachable = true;

    public synchronized void reachable(boolean yes) {
        reachable = yes;
    }

    @Override
    public synchronized Optional<Lease> read() {
        check();
        return stored;
    }

    @Override
    public synchronized boolean replace(Optional<Lease> expected, Lease next) {
        check();
        boolean matches = expected.isEmpty() ? stored.isEmpty()
                : stored.isPresent() && stored.get().version() == expected.get().version();
        if (!matches || stored.isPresent() && stored.get().token() > next.token()) {
            return false;
        }
        stored = Optional.of(next);
        return true;
    }

    private void check() {
        if (!reachable) {
            throw new IllegalStateException("lease table unreachable");
        }
    }
}
