package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.Verdict;

/**
 * The one door every SNS envelope passes, whether it arrived on {@code POST /sns} or inside an SQS
 * message: size, parse, authenticity (when verification is on), topic and duplicate checks.
 */
public interface EnvelopeGate {

    Verdict accept(byte[] body);

    /** Forgets the duplicate mark of a valid envelope whose handling failed, so a redelivery is accepted. */
    void handlingFailed(SnsEnvelope envelope);

    /** Largest body {@link #accept} takes; callers refuse longer bodies before reading them. */
    long maxBodyBytes();
}
