package dev.ecsami.operator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.rollout.IllegalTransition;
import dev.ecsami.operator.runtime.CommandRejected;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** Maps every error a caller can cause to an RFC 7807 problem naming what was wrong. */
public class ProblemMappers {

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
