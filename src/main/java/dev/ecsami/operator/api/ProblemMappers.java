package dev.ecsami.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.rollout.IllegalTransition;
import dev.ecsami.operator.runtime.CommandRejected;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** Maps every error a caller can cause to an RFC 7807 problem naming what was wrong. */
public class ProblemMappers {
    private final SecurityIdentity identity;

    public ProblemMappers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** No bearer token, an unknown one, or another scheme: 401, without saying which. */
    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized() {
        return unauthorized("a valid bearer token is required");
    }

    /** A 401 with the bearer challenge; {@code detail} tells what is expected, never what was sent. */
    public static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED, detail, null))
                .header(HttpHeaders.WWW_AUTHENTICATE, BearerTokenMechanism.CHALLENGE).build();
    }

    /** A known token without the role the endpoint needs: only a viewer can be refused. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "token '" + identity.getPrincipal().getName()
                + "' has the viewer role, which may only read", null);
    }

    @ServerExceptionMapper
    public Response rejected(CommandRejected e) {
        Response.Status status = switch (e.reason()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            case INVALID -> Response.Status.BAD_REQUEST;
        };
        return Problem.response(status, e.getMessage(), e.field());
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransition e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response aws(ExternalCallFailed e) {
        return Problem.response(Response.Status.BAD_GATEWAY, e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response invalidJsonValue(InvalidFormatException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String field = null;
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            field = m.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).collect(Collectors.joining("."));
        }
        String detail = e instanceof InvalidFormatException f
                ? "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName() + " for " + field
                : "the body is not the JSON expected" + (field == null ? "" : " at " + field) + ": "
                + e.getOriginalMessage();
        return Problem.response(Response.Status.BAD_REQUEST, detail, field);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, "no such resource", null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return Problem.response(status == null ? Response.Status.BAD_REQUEST : status, e.getMessage(), null);
    }
}
