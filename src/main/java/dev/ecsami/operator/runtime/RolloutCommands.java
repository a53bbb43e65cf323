package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.Notifier;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.core.rollout.Decision;
import dev.ecsami.operator.core.rollout.Plan;
import dev.ecsami.operator.core.rollout.Planner;
import dev.ecsami.operator.core.rollout.RolloutControl;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Starting and steering rollouts: what the HTTP API, the AMI checks and announcements call.
 * Every command re-reads the fleet; a rejected command changes nothing.
 */
public final class RolloutCommands {
    private final Clock clock;
    private final RolloutStore store;
    private final FleetPorts ports;
    private final Map<String, Target> targets;
    private final RolloutRunner runner;
    private final Notifier notifier;
    private final Supplier<String> ids;

    public RolloutCommands(Clock clock, RolloutStore store, FleetPorts ports, Map<String, Target> targets,
                           RolloutRunner runner, Notifier notifier, Supplier<String> ids) {
        this.clock = clock;
        this.store = store;
        this.ports = ports;
        this.targets = Map.copyOf(targets);
        this.runner = runner;
        this.notifier = notifier;
        this.ids = ids;
    }

    public Map<String, Target> targets() {
        return targets;
    }

    public Target target(String name) {
        Target t = targets.get(name);
        if (t == null) {
            throw new CommandRejected(CommandRejected.Reason.NOT_FOUND, "target", "no target named '" + name
                    + "'; configured: " + targets.keySet().stream().sorted().toList());
        }
        return t;
    }

    /** What a rollout would do now, with no side effect. */
    public Plan plan(String targetName, Optional<String> ami, Overrides overrides) {
        return plan(target(targetName), ami, overrides);
    }

    public Plan plan(Target target, Optional<String> ami, Overrides overrides) {
        RolloutPolicy policy = overrides.applyTo(target.policy());
        Observation observed = ports.observe(target.autoScalingGroup(), target.cluster(), TaskDetail.ALL, true);
        AmiChange change = AmiChange.resolve(target, ami, observed, ports.amiCatalog());
        return Planner.plan(target, policy, observed, change.from(), change.to());
    }

    /**
     * Creates a rollout, RUNNING at once or PLANNED awaiting approval.
     *
     * @throws CommandRejected CONFLICT naming the active rollout when the group already has one
     */
    public Rollout start(String targetName, Optional<String> ami, Overrides overrides, Trigger trigger,
                         String actor, boolean awaitApproval) {
        return start(target(targetName), ami, overrides, trigger, actor, awaitApproval);
    }

    /** Starts a rollout of any target, configured or not (an unconfigured cluster and group). */
    public synchronized Rollout start(Target target, Optional<String> ami, Overrides overrides, Trigger trigger,
                                      String actor, boolean awaitApproval) {
        RolloutPolicy policy = overrides.applyTo(target.policy());
        AmiChange.source(target, ami);
        refuseIfHeld(target, "");
        Observation observed = observe(target, TaskDetail.NONE);
        AmiChange change = AmiChange.resolve(target, ami, observed, ports.amiCatalog());
        Rollout r = RolloutControl.create(ids.get(), target, change.from(), change.to(), trigger, policy,
                awaitApproval, actor, clock.instant());
        record(r);
        return r;
    }

    public Rollout get(String id) {
        return store.find(id).orElseThrow(() -> new CommandRejected(CommandRejected.Reason.NOT_FOUND, "id",
                "no rollout with id '" + id + "'"));
    }

    // Control commands run under the runner's lock on the rollout as last saved, so a tick that
    // lands meanwhile is never overwritten by a decision made from an older copy.

    public Rollout pause(String id, String actor, String reason) {
        get(id);
        return runner.control(id, r -> unchanged(RolloutControl.pause(r, actor, reason, clock.instant()), r));
    }

    public Rollout resume(String id, String actor) {
        get(id);
        return runner.control(id, r -> unchanged(RolloutControl.resume(r, actor, clock.instant()), r));
    }

    public Rollout approve(String id, String actor) {
        get(id);
        return runner.control(id, r -> unchanged(RolloutControl.approve(r, actor, clock.instant()), r));
    }

    public Rollout abort(String id, String actor) {
        get(id);
        return runner.control(id, r -> RolloutControl.abort(r, runner.observe(r, TaskDetail.ALL), actor,
                clock.instant()));
    }

    private static Decision unchanged(Rollout next, Rollout before) {
        return new Decision(next, List.of(), next.events().subList(before.events().size(), next.events().size()));
    }

    /**
     * Rolls the group back to the rollout's from-AMI: aborts the rollout if it is still active,
     * then starts a rollout to the old AMI that replaces instances the same safe way.
     */
    public Rollout rollback(String id, String actor) {
        Rollout r = get(id);
        if (r.state().isActive()) {
            abort(id, actor);
        }
        Rollout ended = get(id);
        Target target = targets.containsKey(r.target()) ? targets.get(r.target())
                : new Target(r.target(), r.cluster(), r.autoScalingGroup(),
                new dev.ecsami.operator.core.model.AmiSource.Fixed(r.fromAmi().imageId()),
                dev.ecsami.operator.core.model.OnNewAmi.ROLL, r.policy());
        Trigger trigger = new Trigger(Trigger.Kind.HTTP, actor, "rollback of " + id);
        if (!ended.windingDown()) {
            return start(target, Optional.of(r.fromAmi().imageId()), Overrides.none(), trigger, actor, false);
        }
        return takeOver(ended, target, trigger, actor);
    }

    /** A rollback of a rollout still giving back what it changed takes that over (see RolloutControl#inherit). */
    private synchronized Rollout takeOver(Rollout ended, Target target, Trigger trigger, String actor) {
        refuseIfHeld(target, ended.id());
        Observation observed = observe(target, TaskDetail.NONE);
        AmiChange change = AmiChange.resolve(target, Optional.of(ended.fromAmi().imageId()), observed,
                ports.amiCatalog());
        Rollout next = RolloutControl.inherit(RolloutControl.create(ids.get(), target, change.from(), change.to(),
                trigger, target.policy(), false, actor, clock.instant()), ended, clock.instant());
        record(next);
        runner.control(ended.id(), x -> RolloutControl.handOver(x, runner.observe(x, TaskDetail.ALL), next.id(), actor,
                clock.instant()));
        return next;
    }

    /** @throws CommandRejected if the group has an active rollout other than {@code except} (empty: none may) */
    private void refuseIfHeld(Target target, String except) {
        Optional<Rollout> active = store.activeFor(target.autoScalingGroup());
        if (active.isPresent() && !active.get().id().equals(except)) {
            throw new CommandRejected(CommandRejected.Reason.CONFLICT, "target", "group "
                    + target.autoScalingGroup() + " already has rollout " + active.get().id() + " ("
                    + active.get().state() + ")");
        }
    }

    /** Stores a new rollout and tells the notifier; a conflict of the store is the caller's conflict. */
    private void record(Rollout created) {
        try {
            store.create(created);
        } catch (RolloutStore.Conflict e) {
            throw new CommandRejected(CommandRejected.Reason.CONFLICT, "target", e.getMessage());
        }
        notifier.rolloutChanged(created, created.events());
    }

    Observation observe(Target target, TaskDetail detail) {
        return ports.observe(target.autoScalingGroup(), target.cluster(), detail);
    }

    /** What the fleet runs now: the AMI most container instances report, or the group's launch image. */
    public static String currentImage(Observation observed) {
        return AmiChange.currentImage(observed);
    }

    public Instant now() {
        return clock.instant();
    }
}
