package dev.ecsami.operator.ingest.sns;

import dev.ecsami.operator.ingest.json.Parsed;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one door every SNS envelope passes, whether it arrived on {@code POST /sns} or inside an SQS
 * message: size, parse, authenticity (signature, certificate, topic, timestamp), then duplicates. A
 * MessageId is recorded only once the message proved valid, so forged or broken copies can never
 * mask the genuine one. With {@code operator.sns.verify-signatures=false} (test set-ups only) there
 * is no verifier, and only size, parse, topic and duplicates are checked.
 */
public final class SnsGate {

    private final BodyLimit bodyLimit;
    private final Optional<SnsMessageVerifier> verifier;
    private final Set<String> allowedTopicArns;
    private final MessageIdDeduplicator deduplicator;
    private final Consumer<Verdict> observer;

    private SnsGate(BodyLimit bodyLimit, Optional<SnsMessageVerifier> verifier, Set<String> allowedTopicArns,
                    MessageIdDeduplicator deduplicator, Consumer<Verdict> observer) {
        this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
        this.verifier = verifier;
        this.allowedTopicArns = Set.copyOf(allowedTopicArns);
        this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * The production gate: every envelope must carry a valid SNS signature.
     *
     * @throws IllegalArgumentException if the deduplicator would forget an id while a replay of it
     *                                  could still pass the timestamp window (retention must be at
     *                                  least twice the tolerance, which applies on both sides)
     */
    public static SnsGate verifying(SnsMessageVerifier verifier, MessageIdDeduplicator deduplicator) {
        if (deduplicator.retention().compareTo(verifier.timestampTolerance().multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("deduplication retention " + deduplicator.retention()
                    + " must be at least twice the timestamp tolerance " + verifier.timestampTolerance());
        }
        return new SnsGate(BodyLimit.DEFAULT, Optional.of(verifier), Set.of(), deduplicator, v -> { });
    }

    /** Size, parse, topic allow-list and duplicates are checked; the signature is not. */
    public static SnsGate unverified(Set<String> allowedTopicArns, MessageIdDeduplicator deduplicator) {
        return new SnsGate(BodyLimit.DEFAULT, Optional.empty(), allowedTopicArns, deduplicator, v -> { });
    }

    /** The same gate, telling {@code observer} of every verdict it reaches (e.g. to count them). */
    public SnsGate observedBy(Consumer<Verdict> observer) {
        return new SnsGate(bodyLimit, verifier, allowedTopicArns, deduplicator, observer);
    }

    /** May wait for the network to fetch the signing certificate. */
    public Verdict accept(byte[] body) {
        return accept(body, envelope -> Optional.of(verifier.map(v -> v.verify(envelope))
                .orElseGet(() -> topicOnly(envelope)))).orElseThrow();
    }

    /**
     * The same verdict as {@link #accept}, with the same effect, if it can be reached without waiting
     * for the network; empty (and nothing recorded) when the signing certificate is not at hand. For
     * callers on a thread that must not block.
     */
    public Optional<Verdict> acceptWithoutWaiting(byte[] body) {
        return accept(body, envelope -> verifier.map(v -> v.verifyWithoutWaiting(envelope))
                .orElseGet(() -> Optional.of(topicOnly(envelope))));
    }

    private Optional<Verdict> accept(byte[] body, Function<SnsEnvelope, Optional<Verdict>> verify) {
        Optional<Verdict> verdict = judge(body, verify);
        verdict.ifPresent(observer);
        return verdict;
    }

    private Optional<Verdict> judge(byte[] body, Function<SnsEnvelope, Optional<Verdict>> verify) {
        Optional<Verdict.Rejected> tooLarge = bodyLimit.check(body.length);
        if (tooLarge.isPresent()) {
            return Optional.of(tooLarge.get());
        }
        Parsed<SnsEnvelope> parsed = SnsEnvelopeParser.parse(body);
        if (parsed instanceof Parsed.Invalid<SnsEnvelope> malformed) {
            return Optional.of(new Verdict.Rejected(Verdict.Reason.MALFORMED, malformed.detail()));
        }
        SnsEnvelope envelope = ((Parsed.Ok<SnsEnvelope>) parsed).value();
        Optional<Verdict> verdict = verify.apply(envelope);
        if (verdict.isPresent() && verdict.get() instanceof Verdict.Valid
                && !deduplicator.markFirstSighting(envelope.messageId())) {
            return Optional.of(new Verdict.Duplicate(envelope));
        }
        return verdict;
    }

    private Verdict topicOnly(SnsEnvelope envelope) {
        if (!allowedTopicArns.contains(envelope.topicArn())) {
            return new Verdict.Rejected(Verdict.Reason.TOPIC_NOT_ALLOWED,
                    "TopicArn: '" + envelope.topicArn() + "' is not subscribed");
        }
        return new Verdict.Valid(envelope);
    }

    /** Forgets the duplicate mark of a valid envelope whose handling failed, so a redelivery is accepted. */
    public void handlingFailed(SnsEnvelope envelope) {
        deduplicator.forget(envelope.messageId());
    }

    public BodyLimit bodyLimit() {
        return bodyLimit;
    }

    /** Largest body accepted; the HTTP layer refuses a longer declared Content-Length before reading it. */
    public long maxBodyBytes() {
        return bodyLimit.maxBytes();
    }

    /** Largest SNS request body accepted: 256 KiB, SNS's own message size limit. */
    public record BodyLimit(long maxBytes) {

        public static final BodyLimit DEFAULT = new BodyLimit(256 * 1024);

        public BodyLimit {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be positive but was " + maxBytes);
            }
        }

        /** Empty when a body of this length is acceptable. */
        public Optional<Verdict.Rejected> check(long byteLength) {
            if (byteLength > maxBytes) {
                return Optional.of(new Verdict.Rejected(Verdict.Reason.BODY_TOO_LARGE,
                        "body: " + byteLength + " bytes exceeds the limit of " + maxBytes));
            }
            return Optional.empty();
        }
    }
}
