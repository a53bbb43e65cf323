package dev.ecsami.operator.ingest.sns;

import java.util.Objects;
import java.util.Optional;

/**
 * Entry point for one SNS HTTP/S request body: size, parse, verify, then duplicate detection. A
 * MessageId is recorded only once the message verified valid, so forged or broken copies can never
 * mask the genuine one.
 */
public final class SnsIngest {

    private final SnsBodyLimit bodyLimit;
    private final SnsMessageVerifier verifier;
    private final MessageIdDeduplicator deduplicator;

    /**
     * @throws IllegalArgumentException if the deduplicator would forget an id while a replay of it
     *                                  could still pass the timestamp window (retention must be at
     *                                  least twice the tolerance, which applies on both sides)
     */
    public SnsIngest(SnsBodyLimit bodyLimit, SnsMessageVerifier verifier, MessageIdDeduplicator deduplicator) {
        this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
        if (deduplicator.retention().compareTo(verifier.timestampTolerance().multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("deduplication retention " + deduplicator.retention()
                    + " must be at least twice the timestamp tolerance " + verifier.timestampTolerance());
        }
    }

    public Verdict accept(byte[] body) {
        Optional<Verdict.Rejected> tooLarge = bodyLimit.check(body.length);
        if (tooLarge.isPresent()) {
            return tooLarge.get();
        }
        SnsEnvelopeParser.Result parsed = SnsEnvelopeParser.parse(body);
        if (parsed instanceof SnsEnvelopeParser.Result.Malformed malformed) {
            return new Verdict.Rejected(Verdict.Reason.MALFORMED, malformed.detail());
        }
        SnsEnvelope envelope = ((SnsEnvelopeParser.Result.Parsed) parsed).envelope();
        Verdict verdict = verifier.verify(envelope);
        if (verdict instanceof Verdict.Valid && !deduplicator.markFirstSighting(envelope.messageId())) {
            return new Verdict.Duplicate(envelope);
        }
        return verdict;
    }

    /** Lets the caller undo the duplicate mark when handling a valid message failed, so a retry is accepted. */
    public void handlingFailed(SnsEnvelope envelope) {
        deduplicator.forget(envelope.messageId());
    }

    public SnsBodyLimit bodyLimit() {
        return bodyLimit;
    }
}
