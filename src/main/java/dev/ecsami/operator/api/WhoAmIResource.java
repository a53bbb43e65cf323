package dev.ecsami.operator.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Locale;

/** Tells a client (the dashboard) which token it holds, so it can offer only what that token may do. */
@Path("/api/whoami")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {
    private final CurrentCaller caller;

    public WhoAmIResource(CurrentCaller caller) {
        this.caller = caller;
    }

    public record Identity(String name, String role) {
    }

    @GET
    @Operation(summary = "The name and role (viewer or operator) of the presented token")
    public Identity whoami() {
        ApiTokens.Caller c = caller.caller().orElseThrow();
        return new Identity(c.name(), c.role().name().toLowerCase(Locale.ROOT));
    }
}
