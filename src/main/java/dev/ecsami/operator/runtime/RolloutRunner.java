package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.CapacitySample;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.core.rollout.Decision;
import dev.ecsami.operator.core.rollout.Mutation;
import dev.ecsami.operator.core.rollout.RolloutControl;
import dev.ecsami.operator.core.rollout.RolloutEngine;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the engine against the world: for each running rollout that is due, observe, decide,
 * persist the decision, then carry out its mutations. Persisting first means a crash can only
 * lose a mutation that had not happened yet, which the next tick sees and asks for again; a
 * mutation that did happen is observed and never repeated.
 *
 * <p>Only the leader ticks. Immediately before each mutation it checks that it still holds the
 * lease with the safety margin, and the write that records the decision carries its fencing token,
 * so a replica that lost the lease neither writes over the new leader's progress nor changes AWS.
 */
public final class RolloutRunner {
    private static final Logger LOG = Logger.getLogger(RolloutRunner.class);
    private static final int COMMAND_ATTEMPTS = 3;

    private final Clock clock;
    private final RolloutStore store;
    private final FleetPorts ports;
    private final Notifier notifier;
    private final RetryPolicy retry;
    private final Leadership leadership;
    private final RolloutEngine engine = new RolloutEngine();
    /** The fencing token this runner last stamped the active rollouts with. */
    private long stamped;
    /** Rollouts ticked by this process as leader: before its first tick, the last one's mutations may not have run. */
    private final Set<String> seen = new HashSet<>();

    /** The single process of the file and memory stores, which always leads. */
    public RolloutRunner(Clock clock, RolloutStore store, FleetPorts ports, Notifier notifier, RetryPolicy retry) {
        this(clock, store, ports, notifier, retry, Leadership.sole("local"));
    }

    public RolloutRunner(Clock clock, RolloutStore store, FleetPorts ports, Notifier notifier, RetryPolicy retry,
                         Leadership leadership) {
        this.clock = clock;
        this.store = store;
        this.ports = ports;
        this.notifier = notifier;
        this.retry = retry;
        this.leadership = leadership;
    }

    /** Ticks every running rollout that is due, and tells when the next one will be; a follower ticks none. */
    public synchronized Optional<Instant> tickDue() {
        if (!leadership.mayMutate()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Instant> next = Optional.empty();
        List<Rollout> active = store.active();
        if (leadership.fencingToken() != stamped) {
            active = stamp(active, leadership.fencingToken());
        }
        for (Rollout r : active) {
            if (!ticked(r)) {
                continue;
            }
            Rollout after = r.nextCheckAt() == null || !r.nextCheckAt().isAfter(now) ? tick(r) : r;
            if (ticked(after)) {
                Instant due = after.nextCheckAt() == null ? now : after.nextCheckAt();
                next = next.filter(n -> n.isBefore(due)).or(() -> Optional.of(due));
            }
        }
        return next;
    }

    /**
     * A new leader first writes its fencing token into every active rollout, so that from then on
     * the previous leader's writes are refused, whether or not the rollout is due. What the previous
     * leader did last is unsure to the new one.
     */
    private List<Rollout> stamp(List<Rollout> active, long token) {
        seen.clear();
        for (Rollout r : active) {
            try {
                store.update(r, r, token);
            } catch (RolloutStore.Conflict e) {
                LOG.infof("rollout %s: not stamped with fencing token %d (%s)", r.id(), token, e.getMessage());
            }
        }
        stamped = token;
        return active.isEmpty() ? active : store.active();
    }

    /** Running, or ended and still giving back what it changed. */
    private static boolean ticked(Rollout r) {
        return r.state() == RolloutState.RUNNING || r.windingDown();
    }

    /** One tick of one rollout; returns it as persisted afterwards. */
    public synchronized Rollout tick(Rollout rollout) {
        Instant now = clock.instant();
        Observation observed;
        try {
            observed = observe(rollout);
        } catch (ExternalCallFailed e) {
            return failed(rollout, e, now);
        }
        Rollout input = seen.add(rollout.id()) ? LedgerDoubt.unsure(rollout) : rollout;
        try {
            input = LedgerDoubt.settled(input, observed, ports.fleet());
        } catch (ExternalCallFailed e) {
            return failed(rollout, e, now, true);
        }
        Decision decision = engine.tick(input, observed, now);
        Optional<Rollout> saved = save(rollout, withCapacity(decision.rollout(), observed, now), decision.newEvents(),
                leadership.fencingToken());
        if (saved.isEmpty()) {
            return store.find(rollout.id()).orElse(rollout);
        }
        for (Mutation m : decision.mutations()) {
            if (!leadership.mayMutate()) {
                LOG.warnf("rollout %s: the leader lease is no longer safely held; %s and the rest are left to the "
                        + "next leader", rollout.id(), m.operation());
                return saved.get();
            }
            try {
                MutationExecutor.execute(m, ports);
            } catch (ExternalCallFailed e) {
                return failed(saved.get(), e, now, true);
            }
        }
        return saved.get();
    }

    /**
     * Applies a control command to the rollout as last saved, under the same lock as ticks, then
     * persists and carries out its decision. When another replica wrote the rollout meanwhile, the
     * command is applied again to the new copy, so a command racing a tick is never lost.
     *
     * <p>A replica that does not lead records the decision and makes no AWS call: the core asks
     * again on every tick for whatever a command's mutations do (see {@link RolloutControl#abort}
     * and {@link RolloutControl#handOver}), so the leader carries them out on its next tick, fenced
     * as usual. The answer is the same on every replica: the rollout as the command left it.
     *
     * @throws CommandRejected CONFLICT when the rollout keeps changing under the command
     */
    public synchronized Rollout control(String id, java.util.function.Function<Rollout, Decision> command) {
        for (int attempt = 1; ; attempt++) {
            Rollout current = store.find(id).orElseThrow(() -> new IllegalArgumentException("no rollout " + id));
            Decision decision = command.apply(current);
            try {
                if (leadership.mayMutate()) {
                    return apply(current, decision);
                }
                if (!decision.mutations().isEmpty()) {
                    LOG.infof("rollout %s: recorded for the leader %s to carry out (%d AWS change(s) owed)", id,
                            leadership.leader().orElse("to come"), decision.mutations().size());
                }
                return write(current, decision.rollout(), decision.newEvents(), 0);
            } catch (RolloutStore.Conflict e) {
                if (attempt == COMMAND_ATTEMPTS) {
                    throw new CommandRejected(CommandRejected.Reason.CONFLICT, "", "rollout " + id
                            + " keeps changing under this command; try again (" + e.getMessage() + ")");
                }
            }
        }
    }

    private Rollout apply(Rollout before, Decision decision) {
        Rollout saved = write(before, decision.rollout(), decision.newEvents(),
                decision.mutations().isEmpty() ? 0 : leadership.fencingToken());
        for (Mutation m : decision.mutations()) {
            try {
                MutationExecutor.execute(m, ports);
            } catch (ExternalCallFailed e) {
                Rollout recorded = RolloutControl.recordError(saved, e.getMessage(), null, clock.instant());
                return save(saved, recorded, recorded.events().subList(saved.events().size(),
                        recorded.events().size()), leadership.fencingToken()).orElse(saved);
            }
        }
        return saved;
    }

    private static Rollout withCapacity(Rollout r, Observation observed, Instant now) {
        int floor = r.baseline() == null ? 0 : r.baseline().capacityFloor();
        return r.toBuilder().capacity(new CapacitySample(now, observed.group().desired(),
                observed.servingCapacity(), floor)).build();
    }

    public Observation observe(Rollout rollout) {
        return observe(rollout, rollout.preflight() == null ? TaskDetail.ALL : TaskDetail.DRAINING);
    }

    /** The group's surroundings are read only until the baseline is captured: pre-flight and baseline use them. */
    public Observation observe(Rollout rollout, TaskDetail detail) {
        boolean surroundings = rollout.preflight() == null || rollout.baseline() == null;
        return ports.observe(rollout.autoScalingGroup(), rollout.cluster(), detail, surroundings);
    }

    private Rollout failed(Rollout rollout, ExternalCallFailed e, Instant now) {
        return failed(rollout, e, now, false);
    }

    /**
     * Records a failed call on the rollout as stored; after a mutation failed, its ledger is unsure
     * whether the mutation took effect.
     */
    private Rollout failed(Rollout stored, ExternalCallFailed e, Instant now, boolean afterMutation) {
        Rollout rollout = afterMutation ? LedgerDoubt.unsure(stored) : stored;
        int attempt = consecutiveErrors(rollout) + 1;
        Optional<Duration> delay = e.retryable() ? retry.nextDelay(attempt) : Optional.empty();
        String what = e.operation() + ": " + e.code() + " (" + e.getMessage() + ")";
        Rollout next;
        if (delay.isPresent()) {
            next = RolloutControl.recordError(rollout, what + "; retry " + attempt + " in " + delay.get().toSeconds()
                    + "s", now.plus(delay.get()), now);
        } else if (rollout.baseline() == null && !e.retryable()) {
            next = RolloutControl.fail(RolloutControl.recordError(rollout, what, null, now),
                    "stopped before any change: " + what, now);
        } else if (rollout.windingDown() && rollout.state() != RolloutState.RUNNING && !e.retryable()) {
            next = RolloutControl.recordError(rollout, what + "; stopped giving back what the rollout changed", null,
                    now).toBuilder().windingDown(false).build();
        } else {
            Rollout recorded = RolloutControl.recordError(rollout, what, null, now);
            next = recorded.state() == RolloutState.RUNNING
                    ? RolloutControl.pause(recorded, RolloutEvent.ENGINE, "AWS error, paused: " + what, now)
                    : recorded;
        }
        return save(stored, next, next.events().subList(stored.events().size(), next.events().size()),
                leadership.fencingToken()).orElse(stored);
    }

    private static int consecutiveErrors(Rollout r) {
        int n = 0;
        for (int i = r.events().size() - 1; i >= 0 && r.events().get(i).type() == RolloutEvent.Type.AWS_ERROR; i--) {
            n++;
        }
        return n;
    }

    /** Writes, or on a lost race logs and returns empty: the next tick starts from what won. */
    private Optional<Rollout> save(Rollout before, Rollout after, List<RolloutEvent> newEvents, long fence) {
        try {
            return Optional.of(write(before, after, newEvents, fence));
        } catch (RolloutStore.Conflict e) {
            LOG.infof("rollout %s: decision dropped, %s", after.id(), e.getMessage());
            return Optional.empty();
        }
    }

    private Rollout write(Rollout before, Rollout after, List<RolloutEvent> newEvents, long fence) {
        store.update(before, after, fence);
        if (!newEvents.isEmpty()) {
            try {
                notifier.rolloutChanged(after, newEvents);
            } catch (RuntimeException ignored) {
                // A notifier must never stop a rollout; notifiers log their own failures.
            }
        }
        return after;
    }
}
