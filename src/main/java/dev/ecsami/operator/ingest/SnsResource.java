package dev.ecsami.operator.ingest;

import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.Verdict;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The SNS HTTP/S subscription endpoint. No API token: every message proves itself through the
 * gate (SNS signature, topic, timestamp, duplicates). A valid message is answered 200 at once and
 * handled on the ingest work queue, well inside SNS's 15 second delivery timeout.
 */
@Path("/sns")
public class SnsResource {

    private static final Logger LOG = Logger.getLogger(SnsResource.class);

    private final EnvelopeGate gate;
    private final IngestWorkQueue workQueue;
    private final MessageHandling handling;

    public SnsResource(EnvelopeGate gate, IngestWorkQueue workQueue, MessageHandling handling) {
        this.gate = gate;
        this.workQueue = workQueue;
        this.handling = handling;
    }

    /**
     * SNS posts {@code text/plain; charset=UTF-8} by default; any content type is read as raw bytes.
     * Every response names its own media type, so no Accept header can turn an answer into a 406.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(@HeaderParam("x-amz-sns-message-type") String declaredType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) throws IOException {
        Optional<Verdict.Rejected> tooLarge = declaredLength(contentLength).flatMap(this::tooLarge);
        if (tooLarge.isPresent()) {
            return refuse(tooLarge.get());
        }
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, gate.maxBodyBytes() + 1));
        Verdict verdict = gate.accept(bytes);
        if (verdict instanceof Verdict.Rejected rejected) {
            return refuse(rejected);
        }
        if (verdict instanceof Verdict.Duplicate duplicate) {
            return typeMismatch(declaredType, duplicate.envelope()).orElseGet(() -> acknowledged("duplicate"));
        }
        return accept(declaredType, ((Verdict.Valid) verdict).envelope());
    }

    private Response accept(String declaredType, SnsEnvelope envelope) {
        Optional<Response> mismatch = typeMismatch(declaredType, envelope);
        if (mismatch.isPresent()) {
            gate.handlingFailed(envelope);
            return mismatch.get();
        }
        if (!workQueue.offer(() -> handling.envelope(envelope, Trigger.Kind.SNS))) {
            gate.handlingFailed(envelope);
            LOG.warnf("SNS message %s refused with 503: the ingest backlog is full", envelope.messageId());
            return SnsProblems.busy().toResponse();
        }
        return acknowledged("accepted");
    }

    private Optional<Verdict.Rejected> tooLarge(long length) {
        return length > gate.maxBodyBytes()
                ? Optional.of(new Verdict.Rejected(Verdict.Reason.BODY_TOO_LARGE,
                        "Content-Length: " + length + " bytes exceeds the limit of " + gate.maxBodyBytes()))
                : Optional.empty();
    }

    private static Optional<Response> typeMismatch(String declaredType, SnsEnvelope envelope) {
        if (declaredType == null || declaredType.isBlank() || declaredType.equals(envelope.type().wireName())) {
            return Optional.empty();
        }
        return Optional.of(SnsProblems.typeHeaderMismatch(declaredType, envelope.type().wireName()).toResponse());
    }

    private static Response refuse(Verdict.Rejected rejected) {
        LOG.warnf("SNS request refused (%s): %s", rejected.reason(), rejected.detail());
        return SnsProblems.rejected(rejected).toResponse();
    }

    private static Response acknowledged(String status) {
        return Response.ok("{\"status\":\"" + status + "\"}", MediaType.APPLICATION_JSON).build();
    }

    private static Optional<Long> declaredLength(String header) {
        try {
            return header == null ? Optional.empty() : Optional.of(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
