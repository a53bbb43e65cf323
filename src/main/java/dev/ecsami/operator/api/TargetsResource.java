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
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.core.rollout.Neighbourhood;
import dev.ecsami.operator.core.rollout.OutdatedInstances;
import dev.ecsami.operator.core.rollout.Plan;
import dev.ecsami.operator.runtime.FleetPorts;
import dev.ecsami.operator.runtime.Leadership;
import dev.ecsami.operator.runtime.RolloutCommands;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The configured targets, how far behind they are, and what a rollout of one would do. */
@Path("/api/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {
    private final RolloutCommands commands;
    private final RolloutStore store;
    private final FleetPorts ports;
    private final Leadership leadership;
    private final SurroundingsCache surroundings;

    public TargetsResource(RolloutCommands commands, RolloutStore store, FleetPorts ports, Leadership leadership,
                           SurroundingsCache surroundings) {
        this.leadership = leadership;
        this.commands = commands;
        this.store = store;
        this.ports = ports;
        this.surroundings = surroundings;
    }

    @GET
    @Operation(summary = "Every configured target with its current and latest AMI, instance counts, active rollout, "
            + "and what else acts on its group (read at most every 30 s) with what a rollout would do about it")
    public List<Views.Target> list() {
        return commands.targets().values().stream().sorted(Comparator.comparing(Target::name))
                .map(this::view).toList();
    }

    @POST
    @Path("/{name}/plan")
    @Operation(summary = "What a rollout of the target would do now, and what else acts on its group; changes "
            + "nothing")
    public Views.PlannedRollout plan(@PathParam("name") String name, Requests.StartRollout body) {
        Requests.StartRollout req = body == null ? new Requests.StartRollout(name, null, null, null, null, null, null,
                null, null, null, true) : body;
        Plan plan = commands.plan(name, Optional.ofNullable(req.ami()), req.overrides());
        return surroundings.planned(plan, commands.target(name));
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
