package dev.ecsami.operator.runtime;

import dev.ecsami.operator.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lease on virtual clocks: each replica has its own monotonic clock and its own wall clock,
 * and the two replicas' wall clocks disagree.
 */
class LeaderLeaseTest {
    private static final Duration LEASE = Duration.ofSeconds(20);
    private static final Duration RENEW = Duration.ofSeconds(5);

    private final MemoryLeaseTable table = new MemoryLeaseTable();

    /** One replica: its lease and its clocks. */
    private final class Replica {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);
        final MutableClock wall;
        final LeaderLease lease;

        Replica(String id, Instant wallStart) {
            wall = new MutableClock(wallStart);
            lease = new LeaderLease(id, table, LEASE, RENEW, wall, nanos::get);
        }

        void pass(Duration d) {
            nanos.addAndGet(d.toNanos());
            wall.advance(d);
        }
    }

    private final Replica a = new Replica("a", Instant.parse("2026-12-01T10:00:00Z"));
    private final Replica b = new Replica("b", Instant.parse("2026-12-01T10:00:00Z"));

    /** Both replicas see the same amount of time pass and poll once. */
    private void both(Duration d) {
        a.pass(d);
        b.pass(d);
        a.lease.poll();
        b.lease.poll();
    }

    @Test
    void theFirstReplicaOnAnEmptyTableLeadsAtOnceWithTokenOne() {
        a.lease.poll();
        b.lease.poll();

        assertThat(a.lease.mayMutate()).isTrue();
        assertThat(a.lease.fencingToken()).isEqualTo(1);
        assertThat(b.lease.mayMutate()).isFalse();
        assertThat(b.lease.leader()).contains("a");
        assertThat(a.lease.leader()).contains("a");
    }

    @Test
    void aRenewedLeaseIsNeverTakenOver() {
        a.lease.poll();
        b.lease.poll();
        for (int i = 0; i < 100; i++) {
            both(RENEW);
        }

        assertThat(a.lease.mayMutate()).isTrue();
        assertThat(b.lease.mayMutate()).isFalse();
        assertThat(b.lease.takeovers()).isZero();
        assertThat(table.read().orElseThrow().token()).isEqualTo(1);
    }

    @Test
    void aFollowerTakesOverAfterAFullLeaseDurationUnrenewedAndTheTokenGoesUp() {
        a.lease.poll();
        b.lease.poll();
        both(RENEW);
        // a dies: it polls no more. b counts from when it last saw the lease change.
        Duration sinceChange = Duration.ZERO;
        while (sinceChange.plus(RENEW).compareTo(LEASE) < 0) {
            b.pass(RENEW);
            sinceChange = sinceChange.plus(RENEW);
            b.lease.poll();
            assertThat(b.lease.mayMutate()).as("after %s", sinceChange).isFalse();
        }
        b.pass(RENEW);
        b.lease.poll();

        assertThat(b.lease.mayMutate()).isTrue();
        assertThat(b.lease.fencingToken()).isEqualTo(2);
        assertThat(b.lease.takeovers()).isEqualTo(1);
        assertThat(table.read().orElseThrow().holder()).isEqualTo("b");
    }

    @Test
    void wallClocksHoursApartChangeNothing() {
        Replica late = new Replica("late", Instant.parse("2026-12-01T07:00:00Z"));
        Replica early = new Replica("early", Instant.parse("2026-12-01T13:00:00Z"));
        late.lease.poll();
        early.lease.poll();
        for (int i = 0; i < 10; i++) {
            late.pass(RENEW);
            early.pass(RENEW);
            late.lease.poll();
            early.lease.poll();
        }

        assertThat(late.lease.mayMutate()).isTrue();
        assertThat(early.lease.mayMutate()).isFalse();
        // The lease item says it expired hours ago by early's wall clock; early still waits a full duration.
        early.pass(LEASE.minus(Duration.ofSeconds(1)));
        early.lease.poll();
        assertThat(early.lease.mayMutate()).isFalse();
        early.pass(Duration.ofSeconds(1));
        early.lease.poll();
        assertThat(early.lease.mayMutate()).isTrue();
    }

    @Test
    void aLeaderCutOffFromTheTableStopsAMarginBeforeAnyoneMayTakeOver() {
        a.lease.poll();
        b.lease.poll();
        both(RENEW);
        table.reachable(false);
        Duration stoppedAfter = null;
        for (Duration t = Duration.ZERO; t.compareTo(LEASE) <= 0; t = t.plusSeconds(1)) {
            if (!a.lease.mayMutate() && stoppedAfter == null) {
                stoppedAfter = t;
            }
            a.pass(Duration.ofSeconds(1));
            b.pass(Duration.ofSeconds(1));
            a.lease.poll();
        }

        assertThat(stoppedAfter).isEqualTo(LEASE.minus(RENEW));
        table.reachable(true);
        b.lease.poll();
        assertThat(b.lease.mayMutate()).isTrue();
        a.lease.poll();
        assertThat(a.lease.mayMutate()).isFalse();
        assertThat(a.lease.leader()).contains("b");
    }

    @Test
    void aLeaderWhoseLeaseWasTakenStopsAtItsNextRenewal() {
        a.lease.poll();
        b.lease.poll();
        LeaseTable.Lease held = table.read().orElseThrow();
        table.replace(java.util.Optional.of(held), new LeaseTable.Lease("b", held.token() + 1, held.version() + 1,
                Instant.EPOCH));

        a.pass(RENEW);
        a.lease.poll();

        assertThat(a.lease.mayMutate()).isFalse();
        assertThat(a.lease.fencingToken()).isZero();
    }

    @Test
    void theRenewIntervalMustLeaveRoomForARetry() {
        assertThatThrownBy(() -> new LeaderLease("a", table, LEASE, Duration.ofSeconds(10), a.wall, a.nanos::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operator.leader.renew-interval");
    }
}
