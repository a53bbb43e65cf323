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
    public Views.Page<DrainRecord> list(@QueryParam("target") String target, @QueryParam("state") String state,
                                        @QueryParam("offset") @DefaultValue("0") int offset,
                                        @QueryParam("limit") Integer limit) {
        return listings.drains(target, state, offset, limit);
    }
}
