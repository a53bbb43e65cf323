package dev.ecsami.operator.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Tells a client (the dashboard) which token it holds, so it can offer only what that token may do. */
@Path("/api/whoami")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {
    private final SecurityIdentity identity;

    public WhoAmIResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    public record Identity(String name, String role) {
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The name and role (viewer or operator) of the presented token")
    public Identity whoami() {
        String role = identity.hasRole(Roles.OPERATOR) ? Roles.OPERATOR : Roles.VIEWER;
        return new Identity(identity.getPrincipal().getName(), role);
    }
}
