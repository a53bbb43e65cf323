package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.sns.MessageIdDeduplicator;
import dev.ecsami.operator.ingest.sns.SnsBodyLimit;
import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.SnsEnvelopeParser;
import dev.ecsami.operator.ingest.sns.Verdict;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The gate with {@code operator.sns.verify-signatures=false}: size, parse, topic allow-list and
 * duplicates are still checked, the signature is not. For test set-ups without real SNS only.
 */
public final class UnverifiedGate implements EnvelopeGate {

    private final SnsBodyLimit bodyLimit;
    private final Set<String> allowedTopicArns;
    private final MessageIdDeduplicator deduplicator;

    public UnverifiedGate(SnsBodyLimit bodyLimit, Set<String> allowedTopicArns, MessageIdDeduplicator deduplicator) {
        this.bodyLimit = Objects.requireNonNull(bodyLimit, "bodyLimit");
        this.allowedTopicArns = Set.copyOf(allowedTopicArns);
        this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
    }

    @Override
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
        if (!allowedTopicArns.contains(envelope.topicArn())) {
            return new Verdict.Rejected(Verdict.Reason.TOPIC_NOT_ALLOWED,
                    "TopicArn: '" + envelope.topicArn() + "' is not subscribed");
        }
        if (!deduplicator.markFirstSighting(envelope.messageId())) {
            return new Verdict.Duplicate(envelope);
        }
        return new Verdict.Valid(envelope);
    }

    /** Never waits: nothing is fetched. */
    @Override
    public Optional<Verdict> acceptWithoutWaiting(byte[] body) {
        return Optional.of(accept(body));
    }

    @Override
    public void handlingFailed(SnsEnvelope envelope) {
        deduplicator.forget(envelope.messageId());
    }

    @Override
    public long maxBodyBytes() {
        return bodyLimit.maxBytes();
    }
}
