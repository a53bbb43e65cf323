package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.SnsIngest;
import dev.ecsami.operator.ingest.sns.Verdict;
import java.util.Objects;
import java.util.Optional;

/** The production gate: every envelope must carry a valid SNS signature. */
public final class VerifyingGate implements EnvelopeGate {

    private final SnsIngest ingest;

    public VerifyingGate(SnsIngest ingest) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
    }

    @Override
    public Verdict accept(byte[] body) {
        return ingest.accept(body);
    }

    @Override
    public Optional<Verdict> acceptWithoutWaiting(byte[] body) {
        return ingest.acceptWithoutWaiting(body);
    }

    @Override
    public void handlingFailed(SnsEnvelope envelope) {
        ingest.handlingFailed(envelope);
    }

    @Override
    public long maxBodyBytes() {
        return ingest.bodyLimit().maxBytes();
    }
}
