package dev.ecsami.operator.ingest.sns;

import java.util.Optional;

/**
 * Largest SNS request body accepted. The HTTP layer should call {@link #check(long)} with the
 * Content-Length before reading the body; {@link SnsIngest} checks again on the bytes it is given.
 */
public record SnsBodyLimit(long maxBytes) {

    public static final SnsBodyLimit DEFAULT = new SnsBodyLimit(256 * 1024);

    public SnsBodyLimit {
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
