package dev.ecsami.operator.ingest.sns;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Serves certificates from memory and records every URL it was asked for. */
final class RecordingCertificateFetcher implements CertificateFetcher {

    private final Map<URI, X509Certificate> published = new HashMap<>();
    final List<URI> requested = new ArrayList<>();

    RecordingCertificateFetcher publish(String url, X509Certificate certificate) {
        published.put(URI.create(url), certificate);
        return this;
    }

    @Override
    public Result fetch(URI certUrl) {
        requested.add(certUrl);
        X509Certificate certificate = published.get(certUrl);
        return certificate == null ? new Result.Failed("404 for " + certUrl) : new Result.Fetched(certificate);
    }
}
