package dev.ecsami.operator.api;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.port.DrainStore;
import dev.ecsami.operator.runtime.CommandRejected;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Drains of instances that left outside a rollout (scale-in with a lifecycle hook, Spot), read-only. */
@Path("/api/drains")
@Produces(MediaType.APPLICATION_JSON)
public class DrainsResource {
    private final DrainStore store;
    private final ApiConfig config;

    public DrainsResource(DrainStore store, ApiConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(summary = "Drain records, newest first, filtered by target and state, paginated")
    public Views.Page<DrainRecord> list(@QueryParam("target") String target, @QueryParam("state") String state,
                                        @QueryParam("offset") @DefaultValue("0") int offset,
                                        @QueryParam("limit") Integer limit) {
        Optional<DrainRecord.State> wanted = parseState(state);
        PageParams paging = PageParams.of(offset, limit, config.defaultPageSize());
        List<DrainRecord> matching = store.drains().stream()
                .filter(d -> target == null || d.target().equals(target))
                .filter(d -> wanted.isEmpty() || d.state() == wanted.get()).toList();
        return paging.page(matching, d -> d);
    }

    private static Optional<DrainRecord.State> parseState(String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DrainRecord.State.valueOf(state.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "state", "state '" + state + "' must be one of "
                    + List.of(DrainRecord.State.values()));
        }
    }
}
