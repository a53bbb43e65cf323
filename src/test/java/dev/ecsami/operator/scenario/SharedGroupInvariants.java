package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.sim.SimCallLog;
import dev.ecsami.operator.sim.SimCause;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The invariants of a rollout in a group that others act on too, checked against the simulated
 * world's truth after every step:
 * <ol>
 * <li>no termination the operator caused, directly or through rebalancing, hits an instance with
 *     service or standalone tasks (unless the step was forced);</li>
 * <li>(with the existing checks) at most max-in-flight instances DRAINING;</li>
 * <li>with surge, the instances in service (or booting) and not draining never fall below the floor as
 *     others' changes of desired capacity move it (the serving ones are checked by {@link World});</li>
 * <li>at the end, suspended processes, min, max and protection are as at the start plus others' changes;</li>
 * <li>no rollout ends SUCCEEDED with outdated instances in service or in Standby;</li>
 * <li>no surge capacity is left behind: desired capacity ends at the start plus others' net change.</li>
 * </ol>
 */
final class SharedGroupInvariants {
    private final World w;
    private final Set<String> judged = new HashSet<>();
    private final Set<String> reported = new HashSet<>();
    private final Map<String, Instant> firstChanges = new java.util.HashMap<>();
    private final Map<String, Integer> checkedTerminations = new java.util.HashMap<>();
    /** Others' net change of desired capacity when each rollout captured its baseline. */
    private final Map<String, Integer> netAtBaseline = new java.util.HashMap<>();
    /** Actors that take instances away without the operator, which make the strict serving check unfair. */
    boolean disruptiveActors;
    /** Actors that set min or max. */
    boolean othersSetLimits;
    /** ECS managed termination protection sets protection: not compared. */
    boolean protectionManagedByEcs;
    long ticksChecked;

    SharedGroupInvariants(World w) {
        this.w = w;
    }

    void check(GroupState g, Observation obs, Consumer<String> violation) {
        ticksChecked++;
        Consumer<String> once = v -> {
            if (reported.add(v)) {
                violation.accept(v);
            }
        };
        Instant now = w.clock.instant();
        for (Rollout r : w.store.all()) {
            if (r.baseline() == null) {
                continue;
            }
            netAtBaseline.putIfAbsent(r.id(), w.aws.othersNet(World.GROUP));
            if (r.holdsGroup()) {
                terminations(r, once);
                if (r.state() == RolloutState.RUNNING && r.policy().surge()) {
                    floor(r, g, obs, now, once);
                }
            } else if (judged.add(r.id()) && r.events().stream().noneMatch(e -> e.message()
                    .startsWith("handed what it gives back"))) {
                end(r, g, obs, once);
            }
        }
    }

    private void terminations(Rollout r, Consumer<String> violation) {
        Instant firstChange = firstChanges.computeIfAbsent(r.id(), id -> w.aws.log().mutations().stream()
                .filter(m -> m.operation().equals("SetCapacity") || m.operation().equals("Terminate"))
                .map(SimCallLog.MutationRecord::at).filter(at -> !at.isBefore(r.createdAt())).findFirst()
                .orElse(null));
        if (firstChange == null) {
            firstChanges.remove(r.id());
        }
        List<SimCallLog.TerminationRecord> all = w.aws.log().terminations();
        int from = checkedTerminations.getOrDefault(r.id(), 0);
        checkedTerminations.put(r.id(), all.size());
        for (SimCallLog.TerminationRecord t : all.subList(from, all.size())) {
            if (t.at().isBefore(r.createdAt()) || t.serviceTasks() + t.standaloneTasks() == 0) {
                continue;
            }
            if (t.cause() == SimCause.REBALANCE && (firstChange == null || !t.begunAt().isAfter(firstChange))) {
                continue;
            }
            boolean forced = r.step(t.instanceId()).map(s -> s.forced()).orElse(false);
            if ((t.cause() == SimCause.OPERATOR && !forced) || t.cause() == SimCause.REBALANCE) {
                violation.accept("invariant 1: " + t.cause() + " terminated " + t.instanceId() + " at " + t.at()
                        + " with " + t.serviceTasks() + " service and " + t.standaloneTasks() + " standalone tasks");
            }
        }
    }

    private void floor(Rollout r, GroupState g, Observation obs, Instant now, Consumer<String> violation) {
        int floor = Math.max(0, r.baseline().capacityFloor() + othersSince(r));
        Map<String, ContainerInstance> byId = obs.cluster().byEc2Instance();
        long kept = g.instances().stream()
                .filter(i -> i.lifecycle() == Lifecycle.IN_SERVICE || i.lifecycle() == Lifecycle.PENDING)
                .filter(i -> byId.get(i.instanceId()) == null
                        || byId.get(i.instanceId()).status() != ContainerInstance.Status.DRAINING)
                .count();
        if (kept < floor) {
            violation.accept("invariant 3: at " + now + " " + kept + " instances in service and not draining, floor "
                    + floor);
        }
    }

    int othersNetAtStart;

    private int othersSince(Rollout r) {
        return w.aws.othersNet(World.GROUP) - netAtBaseline.get(r.id());
    }

    private void end(Rollout r, GroupState g, Observation obs, Consumer<String> violation) {
        GroupState start = w.startGroup;
        String at = " at the end of " + r.id() + " (" + r.state() + ")";
        if (!g.suspendedProcesses().equals(start.suspendedProcesses())) {
            violation.accept("invariant 4: suspended processes " + g.suspendedProcesses() + at + ", at start "
                    + start.suspendedProcesses());
        }
        if (!othersSetLimits && g.min() != r.baseline().min()) {
            violation.accept("invariant 4: min " + g.min() + at + ", at start " + r.baseline().min());
        }
        if (!othersSetLimits && g.max() != Math.max(r.baseline().max(), g.desired())) {
            violation.accept("invariant 4: max " + g.max() + at + ", at start " + r.baseline().max() + ", desired "
                    + g.desired());
        }
        if (!protectionManagedByEcs) {
            Set<String> startProtected = new HashSet<>();
            start.instances().stream().filter(GroupInstance::protectedFromScaleIn)
                    .forEach(i -> startProtected.add(i.instanceId()));
            Set<String> atStart = new HashSet<>();
            start.instances().forEach(i -> atStart.add(i.instanceId()));
            for (GroupInstance i : g.instances()) {
                boolean expected = atStart.contains(i.instanceId()) ? startProtected.contains(i.instanceId())
                        : start.newInstancesProtected();
                if (!i.lifecycle().isLeaving() && i.protectedFromScaleIn() != expected) {
                    violation.accept("invariant 4: " + i.instanceId() + " protected " + i.protectedFromScaleIn() + at);
                }
            }
        }
        if (r.state() == RolloutState.SUCCEEDED) {
            List<String> outdated = g.instances().stream()
                    .filter(i -> i.lifecycle() == Lifecycle.IN_SERVICE || i.lifecycle() == Lifecycle.STANDBY)
                    .filter(i -> !r.toAmi().imageId().equals(w.aws.setup().amiOf(i.instanceId())))
                    .map(GroupInstance::instanceId).toList();
            if (!outdated.isEmpty()) {
                violation.accept("invariant 5: SUCCEEDED with outdated instances " + outdated);
            }
        }
        int expectedDesired = Math.max(g.min(), Math.min(g.max(), r.baseline().desired() + othersSince(r)));
        boolean reportedLeft = r.events().stream().anyMatch(e -> e.message().contains("left in place"));
        if (g.desired() < expectedDesired || (g.desired() > expectedDesired && !reportedLeft)) {
            violation.accept("invariant 6: desired " + g.desired() + at + ", expected " + expectedDesired
                    + " (baseline " + r.baseline().desired() + " + others' net change)");
        }
    }
}
