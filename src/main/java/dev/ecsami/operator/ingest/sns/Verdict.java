package dev.ecsami.operator.ingest.sns;

import java.util.Objects;

/**
 * What to do with an incoming SNS message. {@link Valid}: act on it. {@link Duplicate}: already
 * handled, acknowledge with 2xx and do nothing. {@link Rejected}: refuse it (4xx) with no side effect.
 */
public sealed interface Verdict {

    record Valid(SnsEnvelope envelope) implements Verdict {
        public Valid {
            Objects.requireNonNull(envelope, "envelope");
        }
    }

    record Duplicate(SnsEnvelope envelope) implements Verdict {
        public Duplicate {
            Objects.requireNonNull(envelope, "envelope");
        }
    }

    record Rejected(Reason reason, String detail) implements Verdict {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    enum Reason {
        /** The body is not JSON, or a field is missing or has the wrong type or format. */
        MALFORMED,
        BODY_TOO_LARGE,
        UNSUPPORTED_SIGNATURE_VERSION,
        TOPIC_NOT_ALLOWED,
        /** Timestamp too far in the past or the future relative to the clock. */
        STALE_TIMESTAMP,
        CERT_URL_NOT_ALLOWED,
        /** The signing certificate could not be fetched or decoded. */
        CERT_UNAVAILABLE,
        /** The certificate is expired, not yet valid, not issued for SNS or has an unusable key. */
        CERT_INVALID,
        BAD_SIGNATURE
    }
}
