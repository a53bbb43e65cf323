package dev.ecsami.operator.api;

import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.runtime.CommandRejected;
import dev.ecsami.operator.runtime.Overrides;
import dev.ecsami.operator.runtime.RolloutCommands;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;

/** Start, watch and steer rollouts. Every mutation is recorded with the caller's token name. */
@Path("/api/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutsResource {

    private final RolloutCommands commands;
    private final Listings listings;
    private final SecurityIdentity identity;
    private final ApiConfig config;
    private final SurroundingsCache surroundings;

    public RolloutsResource(RolloutCommands commands, Listings listings, SecurityIdentity identity, ApiConfig config,
                            SurroundingsCache surroundings) {
        this.commands = commands;
        this.listings = listings;
        this.identity = identity;
        this.config = config;
        this.surroundings = surroundings;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Start a rollout (202 + Location), or with dryRun only plan it (200)")
    public Response start(Requests.StartRollout body, @Context UriInfo uri) {
        if (body == null) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "target", "a JSON body such as "
                    + "{\"target\": \"<name>\"} is required");
        }
        Target target = target(body);
        Overrides overrides = body.overrides();
        if (body.isDryRun()) {
            return Response.ok(surroundings.planned(commands.plan(target, Optional.ofNullable(body.ami()), overrides),
                    target)).build();
        }
        return accepted(commands.start(target, Optional.ofNullable(body.ami()), overrides,
                new Trigger(Trigger.Kind.HTTP, caller(), ""), caller(), false), uri);
    }

    private Target target(Requests.StartRollout body) {
        if (body.target() != null && !body.target().isBlank()) {
            return commands.target(body.target());
        }
        if (body.cluster() == null || body.autoScalingGroup() == null) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "target", "target is required (or cluster and "
                    + "autoScalingGroup, when unconfigured targets are allowed)");
        }
        if (!config.allowUnconfiguredTargets()) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "target", "rollouts of unconfigured cluster "
                    + "and group pairs are not enabled (operator.api.allow-unconfigured-targets); name a target");
        }
        if (body.ami() == null) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "ami", "ami is required for an unconfigured "
                    + "target");
        }
        return new Target(body.cluster() + "/" + body.autoScalingGroup(), body.cluster(), body.autoScalingGroup(),
                new AmiSource.Fixed(body.ami()), dev.ecsami.operator.core.model.OnNewAmi.ROLL,
                RolloutPolicy.defaults());
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Rollouts, newest first, filtered by target and state, paginated")
    public Views.Page<Views.RolloutSummary> list(@QueryParam("target") String target,
                                                 @QueryParam("state") String state,
                                                 @QueryParam("offset") @DefaultValue("0") int offset,
                                                 @QueryParam("limit") Integer limit) {
        return listings.rollouts(target, state, offset, limit);
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Path("/{id}")
    @Operation(summary = "One rollout: state, AMIs, trigger, per-instance steps with timestamps, events")
    public Rollout get(@PathParam("id") String id) {
        return commands.get(id);
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/pause")
    @Operation(summary = "Pause a running or planned rollout; instances in flight stay as they are")
    public Rollout pause(@PathParam("id") String id, Requests.Pause body) {
        return commands.pause(id, caller(), body == null ? null : body.reason());
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused rollout; timeouts of the instances in flight count from now")
    public Rollout resume(@PathParam("id") String id) {
        return commands.resume(id, caller());
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/approve")
    @Operation(summary = "Approve a rollout that waits for approval")
    public Rollout approve(@PathParam("id") String id) {
        return commands.approve(id, caller());
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/abort")
    @Operation(summary = "Abort: re-activate instances set to DRAINING and restore surge capacity")
    public Rollout abort(@PathParam("id") String id) {
        return commands.abort(id, caller());
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/rollback")
    @Operation(summary = "Roll the group back to the rollout's from-AMI, replacing replaced instances the same way")
    public Response rollback(@PathParam("id") String id, @Context UriInfo uri) {
        return accepted(commands.rollback(id, caller()), uri);
    }

    /** 202 with the new rollout, and its address in {@code Location}. */
    private static Response accepted(Rollout started, UriInfo uri) {
        return Response.accepted(started)
                .location(uri.getBaseUriBuilder().path("api/rollouts").path(started.id()).build()).build();
    }

    /** The token name, recorded with every mutation. */
    private String caller() {
        return identity.getPrincipal().getName();
    }
}
