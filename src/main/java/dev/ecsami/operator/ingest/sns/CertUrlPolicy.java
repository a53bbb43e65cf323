package dev.ecsami.operator.ingest.sns;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where SNS signing certificates may come from and whom they must be issued to.
 *
 * @param allowedHost    full-match pattern for the (lower-cased) host of the SigningCertURL
 * @param requiredPort   the only explicit port accepted, or {@link #DEFAULT_PORT_ONLY} to refuse any
 *                       explicit port
 * @param allowedSubject full-match pattern for the certificate's subject CN or a dNSName SAN
 */
public record CertUrlPolicy(Pattern allowedHost, int requiredPort, Pattern allowedSubject) {

    public static final int DEFAULT_PORT_ONLY = -1;

    private static final String REGION = "[a-z]{2}(?:-[a-z]+){1,2}-[0-9]{1,2}";

    /** AWS commercial, GovCloud and China partitions: {@code sns.<region>.amazonaws.com(.cn)}. */
    public static CertUrlPolicy aws() {
        return new CertUrlPolicy(
                Pattern.compile("sns\\." + REGION + "\\.amazonaws\\.com(?:\\.cn)?"),
                DEFAULT_PORT_ONLY,
                Pattern.compile("sns\\.amazonaws\\.com|sns\\." + REGION + "\\.amazonaws\\.com(?:\\.cn)?"));
    }

    public CertUrlPolicy {
        Objects.requireNonNull(allowedHost, "allowedHost");
        Objects.requireNonNull(allowedSubject, "allowedSubject");
        if (requiredPort != DEFAULT_PORT_ONLY && (requiredPort < 1 || requiredPort > 65_535)) {
            throw new IllegalArgumentException("requiredPort must be -1 or 1..65535 but was " + requiredPort);
        }
    }

    /** Result of checking a certificate URL; the allowed URI is the one to fetch, parsed once. */
    public sealed interface Check {
        record Allowed(URI uri) implements Check {
        }

        record Refused(String detail) implements Check {
        }
    }

    public Check check(String rawUrl) {
        try {
            return check(new URI(rawUrl));
        } catch (URISyntaxException e) {
            return new Check.Refused("SigningCertURL is not a valid URI: " + e.getReason());
        }
    }

    public Check check(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return new Check.Refused("SigningCertURL must use https");
        }
        if (uri.getRawUserInfo() != null) {
            return new Check.Refused("SigningCertURL must not contain user info");
        }
        if (uri.getHost() == null || !allowedHost.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches()) {
            return new Check.Refused("SigningCertURL host is not an allowed SNS host");
        }
        if (uri.getPort() != requiredPort) {
            return new Check.Refused(requiredPort == DEFAULT_PORT_ONLY
                    ? "SigningCertURL must not name an explicit port"
                    : "SigningCertURL must use port " + requiredPort);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return new Check.Refused("SigningCertURL must not have a query or fragment");
        }
        if (uri.getPath() == null || !uri.getPath().endsWith(".pem")) {
            return new Check.Refused("SigningCertURL path must end with .pem");
        }
        return new Check.Allowed(uri);
    }

    public boolean subjectAllowed(String dnsName) {
        return allowedSubject.matcher(dnsName.toLowerCase(Locale.ROOT)).matches();
    }
}
