package dev.ecsami.operator.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The POSTs of the API whose JSON body is optional (plan, start, pause, the control commands)
 * work without one: {@code curl -X POST} sends neither a body nor a Content-Type, which would
 * otherwise be refused with 415. A request with a body keeps its Content-Type, or lack of it.
 */
public class EmptyBodyIsJson {

    @ServerRequestFilter(preMatching = true)
    public void defaultContentType(ContainerRequestContext request) {
        if (!HttpMethod.POST.equals(request.getMethod()) || !request.getUriInfo().getPath().startsWith("/api/")
                || request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null) {
            return;
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = request.getHeaderString("Transfer-Encoding") != null;
        if (!chunked && (length == null || length.strip().equals("0"))) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
