package dev.ecsami.operator.api;

import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.CommandRejected;
import dev.ecsami.operator.runtime.Overrides;
import dev.ecsami.operator.runtime.RolloutCommands;
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

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Start, watch and steer rollouts. Every mutation is recorded with the caller's token name. */
@Path("/api/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutsResource {

    private final RolloutCommands commands;
    private final RolloutStore store;
    private final CurrentCaller caller;
    private final ApiConfig config;
    private final SurroundingsCache surroundings;

    public RolloutsResource(RolloutCommands commands, RolloutStore store, CurrentCaller caller, ApiConfig config,
                            SurroundingsCache surroundings) {
        this.commands = commands;
        this.store = store;
        this.caller = caller;
        this.config = config;
        this.surroundings = surroundings;
    }

    @POST
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
        Rollout r = commands.start(target, Optional.ofNullable(body.ami()), overrides,
                new Trigger(Trigger.Kind.HTTP, caller.name(), ""), caller.name(), false);
        return Response.accepted(r).location(uri.getBaseUriBuilder().path("api/rollouts").path(r.id()).build())
                .build();
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
    @Operation(summary = "Rollouts, newest first, filtered by target and state, paginated")
    public Views.Page<Views.RolloutSummary> list(@QueryParam("target") String target,
                                                 @QueryParam("state") String state,
                                                 @QueryParam("offset") @DefaultValue("0") int offset,
                                                 @QueryParam("limit") Integer limit) {
        Optional<RolloutState> wanted = parseState(state);
        PageParams paging = PageParams.of(offset, limit, config.defaultPageSize());
        List<Rollout> matching = store.all().stream()
                .filter(r -> target == null || r.target().equals(target))
                .filter(r -> wanted.isEmpty() || r.state() == wanted.get()).toList();
        return paging.page(matching, Views.RolloutSummary::of);
    }

    private static Optional<RolloutState> parseState(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RolloutState.valueOf(state.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "state", "state '" + state + "' must be one of "
                    + List.of(RolloutState.values()));
        }
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One rollout: state, AMIs, trigger, per-instance steps with timestamps, events")
    public Rollout get(@PathParam("id") String id) {
        return commands.get(id);
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a running or planned rollout; instances in flight stay as they are")
    public Rollout pause(@PathParam("id") String id, Requests.Pause body) {
        return commands.pause(id, caller.name(), body == null ? null : body.reason());
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused rollout; timeouts of the instances in flight count from now")
    public Rollout resume(@PathParam("id") String id) {
        return commands.resume(id, caller.name());
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve a rollout that waits for approval")
    public Rollout approve(@PathParam("id") String id) {
        return commands.approve(id, caller.name());
    }

    @POST
    @Path("/{id}/abort")
    @Operation(summary = "Abort: re-activate instances set to DRAINING and restore surge capacity")
    public Rollout abort(@PathParam("id") String id) {
        return commands.abort(id, caller.name());
    }

    @POST
    @Path("/{id}/rollback")
    @Operation(summary = "Roll the group back to the rollout's from-AMI, replacing replaced instances the same way")
    public Response rollback(@PathParam("id") String id, @Context UriInfo uri) {
        Rollout r = commands.rollback(id, caller.name());
        return Response.accepted(r).location(uri.getBaseUriBuilder().path("api/rollouts").path(r.id()).build())
                .build();
    }
}
