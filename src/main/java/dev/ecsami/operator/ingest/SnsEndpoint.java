package dev.ecsami.operator.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.api.Problem;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.SnsGate;
import dev.ecsami.operator.ingest.sns.Verdict;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The SNS HTTP/S subscription endpoint, {@code POST /sns}. No API token: every message proves itself
 * through the gate (SNS signature, topic, timestamp, duplicates). A valid message is answered 200 at
 * once and handled on the ingest work queue, well inside SNS's 15 second delivery timeout.
 *
 * <p>A Vert.x route rather than a JAX-RS resource, so that a request leaves the HTTP I/O thread only
 * when it must: the body is collected without blocking and bounded (a declared Content-Length over the
 * limit is refused before anything is read), and the gate runs right there when its verdict needs no
 * network call, i.e. the signing certificate is cached. Only a message whose certificate has to be
 * downloaded first is judged on a worker thread.
 *
 * <p>Refusals are RFC 7807 problems. SNS retries only 5xx answers and timeouts, so a message that can
 * never become acceptable gets a 4xx: 400 for a malformed or stale message, 403 when its authenticity
 * or topic is refused, 413 when it is too large. A transient failure on our side (certificate host
 * unreachable, backlog full) gets 503 so that SNS delivers it again.
 */
@ApplicationScoped
public class SnsEndpoint {

    static final String PATH = "/sns";
    private static final Logger LOG = Logger.getLogger(SnsEndpoint.class);
    private static final String MESSAGE_TYPE_HEADER = "x-amz-sns-message-type";
    private static final String TYPE_PREFIX = "urn:ecs-ami-operator:problem:sns:";
    /** A refusal detail starts with the field at fault, e.g. "TopicArn: ...". */
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z-]+): ");

    private final SnsGate gate;
    private final IngestWorkQueue workQueue;
    private final IngestDispatcher dispatcher;
    private final ObjectMapper json;

    public SnsEndpoint(SnsGate gate, IngestWorkQueue workQueue, IngestDispatcher dispatcher, ObjectMapper json) {
        this.gate = gate;
        this.workQueue = workQueue;
        this.dispatcher = dispatcher;
        this.json = json;
    }

    /**
     * SNS posts {@code text/plain; charset=UTF-8} by default; any content type is read as raw bytes.
     * The body handler refuses a declared Content-Length over the limit before reading anything.
     */
    void register(@Observes Router router) {
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(gate.maxBodyBytes()))
                .handler(this::receive)
                .failureHandler(this::refuseOversize);
    }

    /** The body handler fails with 413 on a declared Content-Length over the limit, or once a body outgrows it. */
    private void refuseOversize(RoutingContext rc) {
        if (rc.statusCode() != 413) {
            rc.next();
            return;
        }
        String declared = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        String detail = declared != null
                ? "Content-Length: " + declared + " bytes exceeds the limit of " + gate.maxBodyBytes()
                : "body: more than the limit of " + gate.maxBodyBytes() + " bytes";
        rc.response().putHeader(HttpHeaders.CONNECTION, "close"); // the rest of the body is not read
        refuse(rc, new Verdict.Rejected(Verdict.Reason.BODY_TOO_LARGE, detail));
    }

    private void receive(RoutingContext rc) {
        byte[] body = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
        String declaredType = rc.request().getHeader(MESSAGE_TYPE_HEADER);
        Optional<Verdict> verdict = gate.acceptWithoutWaiting(body);
        if (verdict.isPresent()) {
            answer(rc, declaredType, verdict.get());
            return;
        }
        rc.vertx().executeBlocking(() -> gate.accept(body), false)
                .onSuccess(v -> answer(rc, declaredType, v))
                .onFailure(rc::fail);
    }

    private void answer(RoutingContext rc, String declaredType, Verdict verdict) {
        if (verdict instanceof Verdict.Rejected rejected) {
            refuse(rc, rejected);
        } else if (verdict instanceof Verdict.Duplicate duplicate) {
            typeMismatch(declaredType, duplicate.envelope()).ifPresentOrElse(p -> send(rc, p),
                    () -> acknowledge(rc, "duplicate"));
        } else {
            accept(rc, declaredType, ((Verdict.Valid) verdict).envelope());
        }
    }

    private void accept(RoutingContext rc, String declaredType, SnsEnvelope envelope) {
        Optional<Problem> mismatch = typeMismatch(declaredType, envelope);
        if (mismatch.isPresent()) {
            gate.handlingFailed(envelope);
            send(rc, mismatch.get());
        } else if (!workQueue.offer(() -> dispatcher.dispatch(envelope, Trigger.Kind.SNS))) {
            gate.handlingFailed(envelope);
            LOG.warnf("SNS message %s refused with 503: the ingest backlog is full", envelope.messageId());
            send(rc, problem("busy", "Too many messages in progress", 503,
                    "the backlog of accepted messages is full; deliver again later"));
        } else {
            acknowledge(rc, "accepted");
        }
    }

    private static Optional<Problem> typeMismatch(String declaredType, SnsEnvelope envelope) {
        if (declaredType == null || declaredType.isBlank() || declaredType.equals(envelope.type().wireName())) {
            return Optional.empty();
        }
        return Optional.of(problem("malformed", "Malformed SNS message", 400, MESSAGE_TYPE_HEADER + ": header says '"
                + declaredType + "' but the body Type is '" + envelope.type().wireName() + "'"));
    }

    private void refuse(RoutingContext rc, Verdict.Rejected rejected) {
        LOG.warnf("SNS request refused (%s): %s", rejected.reason(), rejected.detail());
        send(rc, problem(rejected));
    }

    private void send(RoutingContext rc, Problem problem) {
        try {
            respond(rc, problem.status(), Problem.MEDIA_TYPE, json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }

    /** The problem answering a refusal, with the status that gets SNS's retry behaviour right. */
    static Problem problem(Verdict.Rejected rejected) {
        int status = switch (rejected.reason()) {
            case MALFORMED, UNSUPPORTED_SIGNATURE_VERSION, STALE_TIMESTAMP -> 400;
            case TOPIC_NOT_ALLOWED, CERT_URL_NOT_ALLOWED, CERT_INVALID, BAD_SIGNATURE -> 403;
            case BODY_TOO_LARGE -> 413;
            case CERT_UNAVAILABLE -> 503;
        };
        String title = switch (rejected.reason()) {
            case MALFORMED -> "Malformed SNS message";
            case BODY_TOO_LARGE -> "SNS message too large";
            case UNSUPPORTED_SIGNATURE_VERSION -> "Unsupported SNS signature version";
            case TOPIC_NOT_ALLOWED -> "SNS topic not allowed";
            case STALE_TIMESTAMP -> "SNS message timestamp outside the accepted window";
            case CERT_URL_NOT_ALLOWED -> "SNS signing certificate URL not allowed";
            case CERT_UNAVAILABLE -> "SNS signing certificate unavailable";
            case CERT_INVALID -> "SNS signing certificate not acceptable";
            case BAD_SIGNATURE -> "SNS signature does not verify";
        };
        return problem(rejected.reason().name().toLowerCase(Locale.ROOT).replace('_', '-'), title, status,
                rejected.detail());
    }

    private static Problem problem(String reason, String title, int status, String detail) {
        Matcher field = FIELD.matcher(detail);
        return new Problem(TYPE_PREFIX + reason, title, status, detail, field.find() ? field.group(1) : null);
    }

    private static void acknowledge(RoutingContext rc, String status) {
        respond(rc, 200, "application/json", "{\"status\":\"" + status + "\"}");
    }

    private static void respond(RoutingContext rc, int status, String contentType, String body) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
    }

}
