package dev.ecsami.operator.ingest;

import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.Verdict;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
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
 */
@ApplicationScoped
public class SnsEndpoint {

    static final String PATH = "/sns";
    private static final Logger LOG = Logger.getLogger(SnsEndpoint.class);
    private static final String MESSAGE_TYPE_HEADER = "x-amz-sns-message-type";

    private final EnvelopeGate gate;
    private final IngestWorkQueue workQueue;
    private final MessageHandling handling;

    public SnsEndpoint(EnvelopeGate gate, IngestWorkQueue workQueue, MessageHandling handling) {
        this.gate = gate;
        this.workQueue = workQueue;
        this.handling = handling;
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
        } else if (!workQueue.offer(() -> handling.envelope(envelope, Trigger.Kind.SNS))) {
            gate.handlingFailed(envelope);
            LOG.warnf("SNS message %s refused with 503: the ingest backlog is full", envelope.messageId());
            send(rc, SnsProblems.busy());
        } else {
            acknowledge(rc, "accepted");
        }
    }

    private static Optional<Problem> typeMismatch(String declaredType, SnsEnvelope envelope) {
        if (declaredType == null || declaredType.isBlank() || declaredType.equals(envelope.type().wireName())) {
            return Optional.empty();
        }
        return Optional.of(SnsProblems.typeHeaderMismatch(declaredType, envelope.type().wireName()));
    }

    private static void refuse(RoutingContext rc, Verdict.Rejected rejected) {
        LOG.warnf("SNS request refused (%s): %s", rejected.reason(), rejected.detail());
        send(rc, SnsProblems.rejected(rejected));
    }

    private static void send(RoutingContext rc, Problem problem) {
        respond(rc, problem.status(), Problem.MEDIA_TYPE, problem.json());
    }

    private static void acknowledge(RoutingContext rc, String status) {
        respond(rc, 200, "application/json", "{\"status\":\"" + status + "\"}");
    }

    private static void respond(RoutingContext rc, int status, String contentType, String body) {
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
    }

}
