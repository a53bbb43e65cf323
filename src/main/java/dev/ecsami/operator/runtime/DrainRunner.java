package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.drain.DrainDecision;
import dev.ecsami.operator.core.drain.DrainMutation;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.drain.DrainRequest;
import dev.ecsami.operator.core.drain.LifecycleDrain;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.DrainStore;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.LifecycleActions;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives drains of instances leaving outside a rollout (scale-in held by a lifecycle hook, Spot
 * warnings): {@link #accept} starts one from a notification, {@link #tickDue} looks again at the
 * due ones. Each look re-reads the container instance and applies what {@link LifecycleDrain}
 * decides; nothing here waits. Records are saved after every look, so a restart resumes them.
 */
public final class DrainRunner {
    private static final Logger LOG = Logger.getLogger(DrainRunner.class);

    /** What became of a notification. */
    public enum Accepted { STARTED, DUPLICATE, RELEASED, STEPPED_ASIDE, NOT_OURS }

    /** Told of every drain that starts and ends (metrics, Slack digests). */
    public interface Observer {
        void started(DrainRecord drain);

        void ended(DrainRecord drain);

        Observer NONE = new Observer() {
            @Override
            public void started(DrainRecord drain) {
            }

            @Override
            public void ended(DrainRecord drain) {
            }
        };
    }

    private final Clock clock;
    private final DrainStore store;
    private final FleetPorts ports;
    private final LifecycleActions lifecycle;
    private final Map<String, Target> targets;
    private final LifecycleDrain decision;
    private final Observer observer;
    private final Map<String, Instant> due = new ConcurrentHashMap<>();

    public DrainRunner(Clock clock, DrainStore store, FleetPorts ports, LifecycleActions lifecycle,
                       Map<String, Target> targets, LifecycleDrain decision, Observer observer) {
        this.clock = clock;
        this.store = store;
        this.ports = ports;
        this.lifecycle = lifecycle;
        this.targets = Map.copyOf(targets);
        this.decision = decision;
        this.observer = observer;
    }

    /** Starts the drain a notification asks for; a duplicate or late delivery changes nothing. */
    public synchronized Accepted accept(DrainRequest request) {
        if (store.findDrain(request.drainId()).isPresent()) {
            return Accepted.DUPLICATE;
        }
        Instant now = clock.instant();
        Optional<Target> target = targetOf(request);
        if (target.isEmpty()) {
            if (request.token().isEmpty()) {
                return Accepted.NOT_OURS;
            }
            LOG.warnf("lifecycle action for %s in group %s, which no target configures: released at once",
                    request.instanceId(), request.group());
            DrainRecord drain = begin(request, null, now);
            release(drain, DrainRecord.State.RELEASED, "group " + request.group() + " is not a configured target");
            return Accepted.RELEASED;
        }
        DrainRecord drain = begin(request, target.get(), now);
        GroupSurroundings around = ports.neighbours().read(drain.group(), drain.cluster());
        if (around.capacityProvider().map(GroupSurroundings.CapacityProvider::managedDraining).orElse(false)) {
            LOG.infof("ECS managed draining drains %s of group %s; the operator steps aside", drain.instanceId(),
                    drain.group());
            release(drain, DrainRecord.State.STEPPED_ASIDE, "ECS managed draining drains this group's instances");
            return Accepted.STEPPED_ASIDE;
        }
        store.saveDrain(drain);
        observer.started(drain);
        look(drain);
        return Accepted.STARTED;
    }

    /** Looks again at every drain that is due; after a restart every one still draining is due at once. */
    public synchronized void tickDue() {
        Instant now = clock.instant();
        for (DrainRecord drain : store.activeDrains()) {
            if (!due.getOrDefault(drain.id(), Instant.MIN).isAfter(now)) {
                look(drain);
            }
        }
    }

    private void look(DrainRecord drain) {
        Instant now = clock.instant();
        DrainRecord next;
        Duration again;
        try {
            Optional<ContainerInstance> seen = ports.containerInstances()
                    .describe(drain.cluster(), ContainerInstances.TaskDetail.ALL, Set.of(drain.instanceId()))
                    .instances().stream().filter(ci -> ci.ec2InstanceId().equals(drain.instanceId())).findFirst();
            DrainDecision d = decision.decide(drain, seen, now);
            next = apply(d.mutations(), d.next(), now);
            again = d.lookAgainAfter();
        } catch (ExternalCallFailed e) {
            LOG.warnf("drain of %s: %s; looking again next tick", drain.instanceId(), e.getMessage());
            return;
        }
        store.saveDrain(next);
        if (next.state().ended()) {
            due.remove(next.id());
            LOG.infof("drain of %s (%s) ended %s: %s", next.instanceId(), next.reason(), next.state(), next.detail());
            observer.ended(next);
        } else {
            due.put(next.id(), now.plus(again));
        }
    }

    private DrainRecord apply(List<DrainMutation> mutations, DrainRecord next, Instant now) {
        for (DrainMutation m : mutations) {
            try {
                if (m instanceof DrainMutation.SetDraining s) {
                    ports.containerInstances().setState(s.cluster(), List.of(s.containerInstanceArn()),
                            ContainerInstance.Status.DRAINING);
                } else if (m instanceof DrainMutation.SetActive s) {
                    ports.containerInstances().setState(s.cluster(), List.of(s.containerInstanceArn()),
                            ContainerInstance.Status.ACTIVE);
                } else if (m instanceof DrainMutation.Heartbeat h) {
                    lifecycle.heartbeat(h.group(), h.hookName(), h.instanceId(), h.token());
                } else if (m instanceof DrainMutation.Complete c) {
                    lifecycle.complete(c.group(), c.hookName(), c.instanceId(), c.token(), c.result());
                }
            } catch (ExternalCallFailed e) {
                if (!"ValidationError".equals(e.code())) {
                    throw e;
                }
                return next.end(DrainRecord.State.LOST,
                        "the lifecycle action is no longer pending (it expired or was completed): " + e.getMessage(),
                        now);
            }
        }
        return next;
    }

    private void release(DrainRecord drain, DrainRecord.State to, String why) {
        DrainRecord ended = drain.end(to, why, clock.instant());
        if (drain.holdsHook()) {
            try {
                lifecycle.complete(drain.group(), drain.hookName(), drain.instanceId(), drain.token(), "CONTINUE");
            } catch (ExternalCallFailed e) {
                if (!"ValidationError".equals(e.code())) {
                    throw e;
                }
            }
        }
        store.saveDrain(ended);
        observer.started(drain);
        observer.ended(ended);
    }

    private DrainRecord begin(DrainRequest request, Target target, Instant now) {
        return new DrainRecord(request.drainId(), target == null ? "" : target.name(),
                target == null ? request.group() : target.autoScalingGroup(), target == null ? "" : target.cluster(),
                request.instanceId(), request.reason(), request.hookName(), request.token(), now, now,
                DrainRecord.State.DRAINING, "", null);
    }

    /** The target of the named group; for a Spot warning (no group), the target whose group holds the instance. */
    private Optional<Target> targetOf(DrainRequest request) {
        if (!request.group().isEmpty()) {
            return targets.values().stream().filter(t -> t.autoScalingGroup().equals(request.group())).findFirst();
        }
        return targets.values().stream().filter(t -> ports.fleet().describe(t.autoScalingGroup()).instances().stream()
                .anyMatch(i -> i.instanceId().equals(request.instanceId()))).findFirst();
    }
}
