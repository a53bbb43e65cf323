package dev.ecsami.operator.ingest.sns;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/** Obtains the X.509 certificate an SNS message names in its SigningCertURL. */
public interface CertificateFetcher {

    /** May wait for the network. */
    Result fetch(URI certUrl);

    /** The certificate if it is at hand without waiting for the network (e.g. cached); empty otherwise. */
    default Optional<X509Certificate> atHand(URI certUrl) {
        return Optional.empty();
    }

    sealed interface Result {
        record Fetched(X509Certificate certificate) implements Result {
            public Fetched {
                Objects.requireNonNull(certificate, "certificate");
            }
        }

        record Failed(String detail) implements Result {
        }
    }
}
