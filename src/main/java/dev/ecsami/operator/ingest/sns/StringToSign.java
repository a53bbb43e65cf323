package dev.ecsami.operator.ingest.sns;

import java.nio.charset.StandardCharsets;

/** Builds the canonical bytes SNS signs: for each signed key present, {@code key\nvalue\n}. */
public final class StringToSign {

    private StringToSign() {
    }

    public static String of(SnsEnvelope envelope) {
        StringBuilder canonical = new StringBuilder(envelope.message().length() + 256);
        for (String key : envelope.type().signedKeys()) {
            envelope.valueOf(key).ifPresent(value -> canonical.append(key).append('\n').append(value).append('\n'));
        }
        return canonical.toString();
    }

    public static byte[] bytesOf(SnsEnvelope envelope) {
        return of(envelope).getBytes(StandardCharsets.UTF_8);
    }
}
