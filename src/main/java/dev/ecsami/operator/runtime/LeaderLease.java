package dev.ecsami.operator.runtime;

import dev.ecsami.operator.runtime.LeaseTable.Lease;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Leader election over a {@link LeaseTable}, polled every renew interval.
 *
 * <p>The leader renews with a conditional write. It trusts its lease for the lease duration less
 * one renew interval (the safety margin), counted on its own monotonic clock from when it sent the
 * last successful renewal. A follower takes over only when the lease item has not changed for a
 * full lease duration on the follower's own monotonic clock, counted from when it saw the last
 * change, which is after the leader sent it. So the old leader has stopped trusting its lease a
 * margin before anyone may take it, whatever the wall clocks of the two machines say.
 */
public final class LeaderLease implements Leadership {
    private static final Logger LOG = Logger.getLogger(LeaderLease.class);

    private final String replicaId;
    private final LeaseTable table;
    private final Clock wall;
    private final LongSupplier nanos;
    private final long durationNanos;
    private final long trustNanos;
    private final Duration duration;

    private Lease held;
    private long heldSentAt;
    private Optional<Lease> seen = Optional.empty();
    private long seenChangedAt;
    private boolean looked;
    private long takeovers;

    /**
     * @param wall  only for the informational expiry written in the lease
     * @param nanos this machine's monotonic clock ({@code System::nanoTime} in production)
     */
    public LeaderLease(String replicaId, LeaseTable table, Duration leaseDuration, Duration renewInterval, Clock wall,
                       LongSupplier nanos) {
        validate(leaseDuration, renewInterval);
        this.replicaId = replicaId;
        this.table = table;
        this.wall = wall;
        this.nanos = nanos;
        this.duration = leaseDuration;
        this.durationNanos = leaseDuration.toNanos();
        this.trustNanos = leaseDuration.minus(renewInterval).toNanos();
    }

    static void validate(Duration leaseDuration, Duration renewInterval) {
        problem(leaseDuration, renewInterval).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** Why the two settings cannot work together, naming the keys; empty when they can. */
    public static Optional<String> problem(Duration leaseDuration, Duration renewInterval) {
        if (renewInterval.isNegative() || renewInterval.isZero()
                || renewInterval.multipliedBy(2).compareTo(leaseDuration) >= 0) {
            return Optional.of("operator.leader.renew-interval (" + renewInterval + ") must be "
                    + "positive and under half of operator.leader.lease-duration (" + leaseDuration + ")");
        }
        return Optional.empty();
    }


    /**
     * Renews the lease if held; else (or once lost) looks at it, and takes it over once it has gone
     * unrenewed long enough.
     */
    public synchronized void poll() {
        long now = nanos.getAsLong();
        if (held != null) {
            renew(now);
            if (held != null) {
                return;
            }
        }
        follow(now);
    }

    private void follow(long now) {
        Optional<Lease> current;
        try {
            current = table.read();
        } catch (RuntimeException e) {
            LOG.warnf("cannot read the leader lease (%s); following", e.getMessage());
            return;
        }
        if (!looked || !current.equals(seen)) {
            boolean firstEver = current.isEmpty();
            looked = true;
            seen = current;
            seenChangedAt = now;
            if (!firstEver) {
                return;
            }
        } else if (now - seenChangedAt < durationNanos) {
            return;
        }
        acquire(now, current);
    }

    private void renew(long now) {
        Lease next = new Lease(replicaId, held.token(), held.version() + 1, wall.instant().plus(duration));
        boolean renewed;
        try {
            renewed = table.replace(Optional.of(held), next);
        } catch (RuntimeException e) {
            LOG.warnf("cannot renew the leader lease (%s); mutations stop %s after the last renewal unless one "
                    + "succeeds", e.getMessage(), Duration.ofNanos(trustNanos));
            return;
        }
        if (renewed) {
            held = next;
            heldSentAt = now;
            seen = Optional.of(next);
            seenChangedAt = now;
        } else if (ownEarlierWriteLanded()) {
            renew(now);
        } else {
            LOG.warnf("replica %s lost the leader lease (token %d): another replica took it over; following",
                    replicaId, held.token());
            held = null;
            looked = false;
        }
    }

    /**
     * A renewal that timed out may still have been written; then the stored lease is this replica's
     * with the same token, and is adopted. Its send time stays the older one, which is the safe side.
     */
    private boolean ownEarlierWriteLanded() {
        try {
            Optional<Lease> current = table.read();
            if (current.isPresent() && current.get().holder().equals(replicaId)
                    && current.get().token() == held.token() && current.get().version() > held.version()) {
                held = current.get();
                return true;
            }
        } catch (RuntimeException e) {
            LOG.debugf("cannot read the leader lease after a refused renewal (%s)", e.getMessage());
        }
        return false;
    }

    private void acquire(long now, Optional<Lease> current) {
        long token = current.map(Lease::token).orElse(0L) + 1;
        long version = current.map(Lease::version).orElse(0L) + 1;
        Lease next = new Lease(replicaId, token, version, wall.instant().plus(duration));
        try {
            if (table.replace(current, next)) {
                held = next;
                heldSentAt = now;
                seen = Optional.of(next);
                seenChangedAt = now;
                takeovers++;
                LOG.infof("replica %s leads now (fencing token %d, after %s)", replicaId, token,
                        current.map(l -> "lease of " + l.holder() + " went unrenewed for " + duration)
                                .orElse("no lease before"));
            } else {
                looked = false;
            }
        } catch (RuntimeException e) {
            LOG.warnf("cannot take the leader lease (%s); following", e.getMessage());
        }
    }

    @Override
    public synchronized boolean mayMutate() {
        return held != null && nanos.getAsLong() - heldSentAt < trustNanos;
    }

    @Override
    public synchronized long fencingToken() {
        return held == null ? 0 : held.token();
    }

    @Override
    public String replicaId() {
        return replicaId;
    }

    @Override
    public synchronized Optional<String> leader() {
        if (mayMutate()) {
            return Optional.of(replicaId);
        }
        boolean fresh = looked && nanos.getAsLong() - seenChangedAt < durationNanos;
        return seen.filter(l -> fresh && !l.holder().equals(replicaId)).map(Lease::holder);
    }

    /** Takeovers by this replica since it started. */
    public synchronized long takeovers() {
        return takeovers;
    }
}
