package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.core.rollout.Decision;
import dev.ecsami.operator.core.rollout.Mutation;
import dev.ecsami.operator.core.rollout.RolloutControl;
import dev.ecsami.operator.core.rollout.RolloutEngine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs the engine against the world: for each running rollout that is due, observe, decide,
 * persist the decision, then carry out its mutations. Persisting first means a crash can only
 * lose a mutation that had not happened yet, which the next tick sees and asks for again; a
 * mutation that did happen is observed and never repeated.
 */
public final class RolloutRunner {
    private final Clock clock;
    private final RolloutStore store;
    private final FleetPorts ports;
    private final Notifier notifier;
    private final RetryPolicy retry;
    private final RolloutEngine engine = new RolloutEngine();
    /** Rollouts ticked by this process: before its first tick, the last one's mutations may not have run. */
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    public RolloutRunner(Clock clock, RolloutStore store, FleetPorts ports, Notifier notifier, RetryPolicy retry) {
        this.clock = clock;
        this.store = store;
        this.ports = ports;
        this.notifier = notifier;
        this.retry = retry;
    }

    /** Ticks every running rollout that is due, and tells when the next one will be. */
    public synchronized Optional<Instant> tickDue() {
        Instant now = clock.instant();
        for (Rollout r : store.active()) {
            if (ticked(r) && (r.nextCheckAt() == null || !r.nextCheckAt().isAfter(now))) {
                tick(r);
            }
        }
        return store.active().stream().filter(RolloutRunner::ticked)
                .map(r -> r.nextCheckAt() == null ? now : r.nextCheckAt()).min(Instant::compareTo);
    }

    private static Rollout unsure(Rollout r) {
        return r.ledger() == null ? r : r.toBuilder().ledger(r.ledger().unsure()).build();
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
        Decision decision = engine.tick(seen.add(rollout.id()) ? unsure(rollout) : rollout, observed, now);
        Rollout saved = save(decision.rollout(), decision.newEvents());
        for (Mutation m : decision.mutations()) {
            try {
                MutationExecutor.execute(m, ports);
            } catch (ExternalCallFailed e) {
                return failed(unsure(saved), e, now);
            }
        }
        return saved;
    }

    /**
     * Applies a control command to the rollout as last saved, under the same lock as ticks, then
     * persists and carries out its decision.
     */
    public synchronized Rollout control(String id, java.util.function.Function<Rollout, Decision> command) {
        Rollout current = store.find(id).orElseThrow(() -> new IllegalArgumentException("no rollout " + id));
        return apply(command.apply(current));
    }

    /** Carries out a decision made outside a tick (e.g. abort): persist, then mutate. */
    public synchronized Rollout apply(Decision decision) {
        Rollout saved = save(decision.rollout(), decision.newEvents());
        for (Mutation m : decision.mutations()) {
            try {
                MutationExecutor.execute(m, ports);
            } catch (ExternalCallFailed e) {
                return save(RolloutControl.recordError(saved, e.getMessage(), null, clock.instant()), List.of());
            }
        }
        return saved;
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
        return save(next, next.events().subList(rollout.events().size(), next.events().size()));
    }

    private static int consecutiveErrors(Rollout r) {
        int n = 0;
        for (int i = r.events().size() - 1; i >= 0 && r.events().get(i).type() == RolloutEvent.Type.AWS_ERROR; i--) {
            n++;
        }
        return n;
    }

    private Rollout save(Rollout r, List<RolloutEvent> newEvents) {
        store.save(r);
        if (!newEvents.isEmpty()) {
            try {
                notifier.rolloutChanged(r, newEvents);
            } catch (RuntimeException ignored) {
                // A notifier must never stop a rollout; notifiers log their own failures.
            }
        }
        return r;
    }
}
