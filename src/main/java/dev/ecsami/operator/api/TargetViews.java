package dev.ecsami.operator.api;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.core.rollout.Neighbourhood;
import dev.ecsami.operator.core.rollout.OutdatedInstances;
import dev.ecsami.operator.runtime.Leadership;
import dev.ecsami.operator.runtime.RolloutCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;

/**
 * What GET /api/targets answers, for the API and the dashboard alike: each configured target with
 * its AMIs, instance counts, active rollout and surroundings. A read of AWS that fails shows as
 * the target's error.
 */
@ApplicationScoped
public class TargetViews {
    private final RolloutCommands commands;
    private final RolloutStore store;
    private final FleetPorts ports;
    private final Leadership leadership;
    private final SurroundingsCache surroundings;

    public TargetViews(RolloutCommands commands, RolloutStore store, FleetPorts ports, Leadership leadership,
                       SurroundingsCache surroundings) {
        this.commands = commands;
        this.store = store;
        this.ports = ports;
        this.leadership = leadership;
        this.surroundings = surroundings;
    }

    /** Every configured target, by name. */
    public List<Views.Target> all() {
        return commands.targets().values().stream().sorted(Comparator.comparing(Target::name))
                .map(this::view).toList();
    }

    private String leader() {
        return leadership.leader().orElse(null);
    }

    private Views.Target view(Target t) {
        Views.ActiveRollout active = store.activeFor(t.autoScalingGroup())
                .map(r -> new Views.ActiveRollout(r.id(), r.state())).orElse(null);
        try {
            AmiRef latest = ports.amiCatalog().resolve(t.ami());
            Observation observed = ports.observe(t.autoScalingGroup(), t.cluster(), TaskDetail.NONE);
            String currentId = RolloutCommands.currentImage(observed);
            AmiRef current = currentId.isEmpty() ? null : currentId.equals(latest.imageId()) ? latest
                    : ports.amiCatalog().describe(currentId).map(i -> i.ami()).orElse(AmiRef.of(currentId));
            int total = (int) observed.group().instances().stream()
                    .filter(i -> !i.lifecycle().isLeaving() && i.lifecycle() != Lifecycle.TERMINATED).count();
            int outdated = OutdatedInstances.select(observed, latest.imageId()).size();
            int draining = (int) observed.cluster().instances().stream()
                    .filter(ci -> ci.status() == ContainerInstance.Status.DRAINING).count();
            Around around = around(t, observed.group());
            return new Views.Target(t.name(), t.cluster(), t.autoScalingGroup(), t.ami().describe(), t.onNewAmi(),
                    t.policy(), current, latest, new Views.Instances(total, outdated, draining), active,
                    around.surroundings(), around.findings(), around.error(), leader(), leadership.replicaId());
        } catch (ExternalCallFailed e) {
            return new Views.Target(t.name(), t.cluster(), t.autoScalingGroup(), t.ami().describe(), t.onNewAmi(),
                    t.policy(), null, null, null, active, null, null, e.getMessage(), leader(),
                    leadership.replicaId());
        }
    }

    private record Around(Views.Surroundings surroundings, List<Finding> findings, String error) {
    }

    /** What acts on the group, or why it could not be read: the fleet read before is shown either way. */
    private Around around(Target t, GroupState group) {
        try {
            GroupSurroundings read = surroundings.recent(t.autoScalingGroup(), t.cluster());
            return new Around(Views.Surroundings.of(group, read, t.policy()), Neighbourhood.findings(group, read,
                    t.policy().suspendProcesses(), t.policy().allowSharedLaunchTemplate()), null);
        } catch (ExternalCallFailed e) {
            return new Around(null, null, "surroundings not read: " + e.getMessage());
        }
    }
}
