package dev.ecsami.operator.api;

import dev.ecsami.operator.core.drain.DrainRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Instant;

/** Drains of instances that left outside a rollout (scale-in with a lifecycle hook, Spot), read-only. */
@Path("/api/drains")
@Produces(MediaType.APPLICATION_JSON)
public class DrainsResource {
    private final Listings listings;

    public DrainsResource(Listings listings) {
        this.listings = listings;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Drain records, newest first, filtered by target and state, paginated")
    public Views.Page<Drain> list(@QueryParam("target") String target, @QueryParam("state") String state,
                                        @QueryParam("offset") @DefaultValue("0") int offset,
                                        @QueryParam("limit") Integer limit) {
        return listings.drains(target, state, offset, limit);
    }

    /** A drain as listed: the record without its lifecycle action token, which would let a reader complete it. */
    public record Drain(String id, String target, String group, String cluster, String instanceId,
                        DrainRecord.Reason reason, String hookName, Instant startedAt, Instant lastHeartbeatAt,
                        int heartbeats, DrainRecord.State state, String detail, Instant endedAt) {
        public static Drain of(DrainRecord d) {
            return new Drain(d.id(), d.target(), d.group(), d.cluster(), d.instanceId(), d.reason(), d.hookName(),
                    d.startedAt(), d.lastHeartbeatAt(), d.heartbeats(), d.state(), d.detail(), d.endedAt());
        }
    }
}
