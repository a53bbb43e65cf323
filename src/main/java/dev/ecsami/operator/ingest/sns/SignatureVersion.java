package dev.ecsami.operator.ingest.sns;

import java.util.Arrays;
import java.util.Optional;

/** SNS {@code SignatureVersion} values and the JCA algorithm each one means. */
public enum SignatureVersion {
    V1("1", "SHA1withRSA"),
    V2("2", "SHA256withRSA");

    private final String wireValue;
    private final String jcaAlgorithm;

    SignatureVersion(String wireValue, String jcaAlgorithm) {
        this.wireValue = wireValue;
        this.jcaAlgorithm = jcaAlgorithm;
    }

    public static Optional<SignatureVersion> fromWire(String value) {
        return Arrays.stream(values()).filter(v -> v.wireValue.equals(value)).findFirst();
    }

    public String wireValue() {
        return wireValue;
    }

    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }
}
