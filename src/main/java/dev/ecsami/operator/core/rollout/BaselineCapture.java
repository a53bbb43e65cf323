package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.GroupSurroundings.CapacityProvider;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.Baseline;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What the rollout records about the group before its first mutation. Pure. */
final class BaselineCapture {
    /** AWS's default heartbeat timeout of a lifecycle hook. */
    static final Duration DEFAULT_HEARTBEAT = Duration.ofHours(1);

    private BaselineCapture() {
    }

    /** Records the baseline and the STARTED event of a rollout's first tick past pre-flight. */
    static Rollout started(Rollout r, Observation observed, Instant now, Rollout.Builder next) {
        GroupState g = observed.group();
        int serving = observed.servingCapacity();
        Baseline baseline = of(observed, r.policy());
        int outdated = OutdatedInstances.select(observed, r.toAmi().imageId()).size();
        next.baseline(baseline).events(List.of(new RolloutEvent(now, RolloutEvent.Type.STARTED, "",
                outdated + " of " + g.instances().size() + " instances to replace, " + r.fromAmi() + " -> " + r.toAmi()
                        + "; desired " + g.desired() + ", max " + g.max() + ", " + serving + " serving",
                RolloutEvent.ENGINE)));
        return next.build();
    }

    static Baseline of(Observation observed, RolloutPolicy policy) {
        GroupState g = observed.group();
        GroupSurroundings around = observed.surroundings();
        Set<String> toSuspend = new TreeSet<>(policy.suspendProcesses());
        toSuspend.removeAll(g.suspendedProcesses());
        boolean managedProtection = around.capacityProvider().map(CapacityProvider::managedTerminationProtection)
                .orElse(false);
        List<Baseline.Hook> hooks = around.terminatingHooks().stream()
                .map(h -> new Baseline.Hook(h.name(), h.heartbeatTimeout() == null ? DEFAULT_HEARTBEAT
                        : h.heartbeatTimeout())).toList();
        return new Baseline(g.desired(), g.min(), g.max(), Math.min(g.desired(), observed.servingCapacity()), toSuspend,
                !g.newInstancesProtected() && !managedProtection,
                g.instances().stream().map(GroupInstance::instanceId).sorted().toList(),
                g.instances().stream().filter(GroupInstance::protectedFromScaleIn).map(GroupInstance::instanceId)
                        .sorted().toList(),
                hooks, neighbours(g, around));
    }

    private static List<String> neighbours(GroupState g, GroupSurroundings around) {
        List<String> out = new ArrayList<>();
        around.capacityProvider().ifPresent(cp -> out.add("capacity provider " + cp.name() + ": managed scaling "
                + (cp.managedScaling() ? "on (target " + cp.targetCapacityPercent() + "%)" : "off")
                + ", managed termination protection " + (cp.managedTerminationProtection() ? "on" : "off")
                + ", managed draining " + (cp.managedDraining() ? "on" : "off")));
        around.scalingPolicies().forEach(p -> out.add("scaling policy " + p.name() + " (" + p.type()
                + (p.enabled() ? "" : ", disabled") + ")"));
        around.scheduledActions().forEach(a -> out.add("scheduled action " + a.name()));
        around.lifecycleHooks().forEach(h -> out.add("lifecycle hook " + h.name() + " (" + h.transition()
                + ", heartbeat " + h.heartbeatTimeout() + ", default " + h.defaultResult() + ")"));
        if (g.weighted()) {
            out.add("weighted capacity (" + g.desiredCapacityType() + ")");
        }
        if (g.newInstancesProtected()) {
            out.add("new instances protected from scale-in");
        }
        return out;
    }
}
