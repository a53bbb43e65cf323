package dev.ecsami.operator.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Every call under /api needs a bearer token: none or an unknown one is 401 (without saying
 * which), a viewer token on anything but GET is 403. The caller is kept for the event log.
 */
@ApplicationScoped
public class BearerAuthFilter {
    private static final String PREFIX = "Bearer ";

    private final ApiTokens tokens;
    private final CurrentCaller current;

    public BearerAuthFilter(ApiTokens tokens, CurrentCaller current) {
        this.tokens = tokens;
        this.current = current;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") && !path.equals("/api")) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<ApiTokens.Caller> caller = header != null && header.startsWith(PREFIX)
                ? tokens.authenticate(header.substring(PREFIX.length()).strip()) : Optional.empty();
        if (caller.isEmpty()) {
            Response unauthorized = Problem.response(Response.Status.UNAUTHORIZED,
                    "a valid bearer token is required", null);
            return Optional.of(Response.fromResponse(unauthorized)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ecs-ami-operator\"").build());
        }
        if (caller.get().role() == ApiConfig.Role.VIEWER && !"GET".equals(request.getMethod())
                && !"HEAD".equals(request.getMethod())) {
            return Optional.of(Problem.response(Response.Status.FORBIDDEN, "token '" + caller.get().name()
                    + "' has the viewer role, which may only read", null));
        }
        current.set(caller.get());
        return Optional.empty();
    }
}
