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
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.LifecycleActions;
import dev.ecsami.operator.core.port.Notifier;
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
 *
 * <p>With replicas only the leader drains: it checks the lease before every mutation and its writes
 * carry its fencing token, so a replica that lost the lease neither heartbeats nor records over the
 * new leader, which finds every drain still DRAINING in the shared store due at once and resumes its
 * heartbeats. A heartbeat repeated is harmless; a completion repeated is refused by Auto Scaling
 * and ends the record LOST, never a second CONTINUE. A follower that receives a notification only
 * records it, with no target and no AWS call; the leader's next look finds the target, checks for
 * ECS managed draining and drains it as if it had received the notification itself.
 */
public final class DrainRunner {
    private static final Logger LOG = Logger.getLogger(DrainRunner.class);

    /** What became of a notification. */
    public enum Accepted { STARTED, RECORDED, DUPLICATE, RELEASED, STEPPED_ASIDE, NOT_OURS }

    private final Clock clock;
    private final DrainStore store;
    private final FleetPorts ports;
    private final LifecycleActions lifecycle;
    private final Map<String, Target> targets;
    private final LifecycleDrain decision;
    private final DrainObserver observer;
    private final Leadership leadership;
    private final Map<String, Instant> due = new ConcurrentHashMap<>();

    /** The single process of the file and memory stores, which always leads. */
    public DrainRunner(Clock clock, DrainStore store, FleetPorts ports, LifecycleActions lifecycle,
                       Map<String, Target> targets, LifecycleDrain decision, DrainObserver observer) {
        this(clock, store, ports, lifecycle, targets, decision, observer, Leadership.sole("local"));
    }

    public DrainRunner(Clock clock, DrainStore store, FleetPorts ports, LifecycleActions lifecycle,
                       Map<String, Target> targets, LifecycleDrain decision, DrainObserver observer,
                       Leadership leadership) {
        this.leadership = leadership;
        this.clock = clock;
        this.store = store;
        this.ports = ports;
        this.lifecycle = lifecycle;
        this.targets = Map.copyOf(targets);
        this.decision = decision;
        this.observer = observer;
    }

    /**
     * Starts the drain a notification asks for; a duplicate or late delivery changes nothing, nor does a
     * Spot warning for an instance already draining (a hook's drain, which also completes the hook). A
     * follower records it for the leader ({@link Accepted#RECORDED}).
     */
    public synchronized Accepted accept(DrainRequest request) {
        if (store.find(request.drainId()).isPresent() || request.token().isEmpty()
                && store.active().stream().anyMatch(d -> d.instanceId().equals(request.instanceId()))) {
            return Accepted.DUPLICATE;
        }
        if (!leadership.mayMutate()) {
            return saved(null, begin(request, null, clock.instant())) ? Accepted.RECORDED : Accepted.DUPLICATE;
        }
        return start(request, null, clock.instant());
    }

    /**
     * Vets and starts a drain: a fresh notification ({@code recorded} null) or one a follower recorded,
     * whose record is then replaced, so two leaders in turn never start it twice.
     */
    private Accepted start(DrainRequest request, DrainRecord recorded, Instant startedAt) {
        Optional<Target> target = targetOf(request);
        if (target.isEmpty()) {
            if (request.token().isEmpty()) {
                if (recorded != null) {
                    saved(recorded, recorded.end(DrainRecord.State.RELEASED, "no configured target holds "
                            + request.instanceId(), clock.instant()));
                }
                return Accepted.NOT_OURS;
            }
            LOG.warnf("lifecycle action for %s in group %s, which no target configures: released at once",
                    request.instanceId(), request.group());
            release(recorded, begin(request, null, startedAt), DrainRecord.State.RELEASED,
                    "group " + request.group() + " is not a configured target");
            return Accepted.RELEASED;
        }
        DrainRecord drain = begin(request, target.get(), startedAt);
        GroupSurroundings around = ports.neighbours().read(drain.group(), drain.cluster());
        if (around.capacityProvider().map(GroupSurroundings.CapacityProvider::managedDraining).orElse(false)) {
            LOG.infof("ECS managed draining drains %s of group %s; the operator steps aside", drain.instanceId(),
                    drain.group());
            release(recorded, drain, DrainRecord.State.STEPPED_ASIDE,
                    "ECS managed draining drains this group's instances");
            return Accepted.STEPPED_ASIDE;
        }
        if (!saved(recorded, drain)) {
            return Accepted.DUPLICATE;
        }
        observer.started(drain);
        look(drain);
        return Accepted.STARTED;
    }

    /**
     * Looks again at every drain that is due; after a restart every one still draining is due at once,
     * and one a follower recorded is started. Every look sets an ACTIVE instance DRAINING again.
     */
    public synchronized void tickDue() {
        Instant now = clock.instant();
        if (!leadership.mayMutate()) {
            due.clear();
            return;
        }
        for (DrainRecord drain : store.active()) {
            if (drain.target().isEmpty()) {
                adopt(drain);
            } else if (!due.getOrDefault(drain.id(), Instant.MIN).isAfter(now)) {
                look(drain);
            }
        }
        observer.looked(now);
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
            LOG.warnf("drain of %s: %s; looking again next tick", drain.instanceId(),
                    drain.redacted(e.getMessage()));
            return;
        }
        try {
            if (!next.equals(drain)) {
                store.update(drain, next, leadership.fencingToken());
            }
        } catch (DrainStore.Conflict e) {
            LOG.infof("drain of %s: not recorded, %s; the next tick starts from what won", drain.instanceId(),
                    e.getMessage());
            due.remove(drain.id());
            return;
        }
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
            if (!leadership.mayMutate()) {
                throw new ExternalCallFailed(m.getClass().getSimpleName(), "NotLeader", "the leader lease is no "
                        + "longer safely held; the next leader carries on", false);
            }
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
                        "the lifecycle action is no longer pending (it expired or was completed): "
                                + next.redacted(e.getMessage()),
                        now);
            }
        }
        return next;
    }

    /** Starts a drain a follower recorded (no target yet), from its notification and its start time. */
    private void adopt(DrainRecord recorded) {
        DrainRequest request = new DrainRequest(recorded.reason(), recorded.group(), recorded.instanceId(),
                recorded.hookName(), recorded.token());
        try {
            LOG.infof("drain of %s recorded by a follower: %s", recorded.instanceId(),
                    start(request, recorded, recorded.startedAt()));
        } catch (ExternalCallFailed e) {
            LOG.warnf("drain of %s recorded by a follower: %s; looking again next tick", recorded.instanceId(),
                    recorded.redacted(e.getMessage()));
        }
    }

    private void release(DrainRecord recorded, DrainRecord drain, DrainRecord.State to, String why) {
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
        if (saved(recorded, ended)) {
            observer.started(drain);
            observer.ended(ended);
        }
    }

    /** Creates {@code next}, or replaces {@code recorded} with it; false when another write came first. */
    private boolean saved(DrainRecord recorded, DrainRecord next) {
        try {
            if (recorded == null) {
                store.create(next);
            } else {
                store.update(recorded, next, leadership.fencingToken());
            }
            return true;
        } catch (DrainStore.Conflict e) {
            return false;
        }
    }

    private DrainRecord begin(DrainRequest request, Target target, Instant now) {
        return new DrainRecord(request.drainId(), target == null ? "" : target.name(),
                target == null ? request.group() : target.autoScalingGroup(), target == null ? "" : target.cluster(),
                request.instanceId(), request.reason(), request.hookName(), request.token(), now, now, 0,
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
