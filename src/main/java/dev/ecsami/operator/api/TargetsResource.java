package dev.ecsami.operator.api;

import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.rollout.Plan;
import dev.ecsami.operator.runtime.RolloutCommands;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Optional;

/** The configured targets, how far behind they are, and what a rollout of one would do. */
@Path("/api/targets")
@Produces(MediaType.APPLICATION_JSON)
public class TargetsResource {
    private final RolloutCommands commands;
    private final TargetViews views;
    private final SurroundingsCache surroundings;

    public TargetsResource(RolloutCommands commands, TargetViews views, SurroundingsCache surroundings) {
        this.commands = commands;
        this.views = views;
        this.surroundings = surroundings;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Every configured target with its current and latest AMI, instance counts, active rollout, "
            + "and what else acts on its group (read at most every 30 s) with what a rollout would do about it")
    public List<Views.Target> list() {
        return views.all();
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{name}/plan")
    @Operation(summary = "What a rollout of the target would do now, and what else acts on its group; changes "
            + "nothing")
    public Views.PlannedRollout plan(@PathParam("name") String name, Requests.StartRollout body) {
        Requests.StartRollout req = body == null ? new Requests.StartRollout(name, null, null, null, null, null, null,
                null, null, null, true) : body;
        Plan plan = commands.plan(name, Optional.ofNullable(req.ami()), req.overrides());
        return surroundings.planned(plan, commands.target(name));
    }
}
