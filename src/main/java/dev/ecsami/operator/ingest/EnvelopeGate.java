package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.sns.SnsEnvelope;
import dev.ecsami.operator.ingest.sns.Verdict;
import java.util.Optional;

/**
 * The one door every SNS envelope passes, whether it arrived on {@code POST /sns} or inside an SQS
 * message: size, parse, authenticity (when verification is on), topic and duplicate checks.
 */
public interface EnvelopeGate {

    /** May wait for the network (to fetch a signing certificate). */
    Verdict accept(byte[] body);

    /**
     * The same verdict as {@link #accept}, with the same effect, if it can be reached without waiting
     * for the network; empty (and nothing recorded) when it cannot, e.g. the signing certificate is
     * not cached. For callers on a thread that must not block.
     */
    Optional<Verdict> acceptWithoutWaiting(byte[] body);

    /** Forgets the duplicate mark of a valid envelope whose handling failed, so a redelivery is accepted. */
    void handlingFailed(SnsEnvelope envelope);

    /** Largest body {@link #accept} takes; callers refuse longer bodies before reading them. */
    long maxBodyBytes();
}
