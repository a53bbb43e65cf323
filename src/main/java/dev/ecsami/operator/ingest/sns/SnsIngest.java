package dev.ecsami.operator.ingest.sns;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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

    /** May wait for the network to fetch the signing certificate. */
    public Verdict accept(byte[] body) {
        return accept(body, envelope -> Optional.of(verifier.verify(envelope))).orElseThrow();
    }

    /**
     * Like {@link #accept}, but never waits: empty when the verdict needs a signing certificate that is
     * not at hand (nothing is recorded then), so the caller can accept the body again where waiting is
     * allowed.
     */
    public Optional<Verdict> acceptWithoutWaiting(byte[] body) {
        return accept(body, verifier::verifyWithoutWaiting);
    }

    private Optional<Verdict> accept(byte[] body, Function<SnsEnvelope, Optional<Verdict>> verify) {
        Optional<Verdict.Rejected> tooLarge = bodyLimit.check(body.length);
        if (tooLarge.isPresent()) {
            return Optional.of(tooLarge.get());
        }
        SnsEnvelopeParser.Result parsed = SnsEnvelopeParser.parse(body);
        if (parsed instanceof SnsEnvelopeParser.Result.Malformed malformed) {
            return Optional.of(new Verdict.Rejected(Verdict.Reason.MALFORMED, malformed.detail()));
        }
        SnsEnvelope envelope = ((SnsEnvelopeParser.Result.Parsed) parsed).envelope();
        Optional<Verdict> verdict = verify.apply(envelope);
        if (verdict.isPresent() && verdict.get() instanceof Verdict.Valid
                && !deduplicator.markFirstSighting(envelope.messageId())) {
            return Optional.of(new Verdict.Duplicate(envelope));
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
