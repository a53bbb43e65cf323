package dev.ecsami.operator.ingest.sns;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** Obtains the X.509 certificate an SNS message names in its SigningCertURL. */
public interface CertificateFetcher {

    Result fetch(URI certUrl);

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
