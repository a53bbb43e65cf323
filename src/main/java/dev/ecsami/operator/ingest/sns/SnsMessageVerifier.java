package dev.ecsami.operator.ingest.sns;

import dev.ecsami.operator.ingest.sns.Verdict.Reason;
import dev.ecsami.operator.ingest.sns.Verdict.Rejected;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Decides whether an SNS message really comes from SNS, for a topic we subscribe to, recently.
 * Cheap checks run first (version, topic, timestamp, certificate URL); the certificate is fetched
 * only for a message that passed them, then judged (validity period, an SNS subject, an RSA key)
 * before the signature is checked. Chain trust comes from the TLS download, see
 * {@link HttpsCertificateFetcher}. Stateless apart from the fetcher: duplicate detection lives in
 * {@link SnsGate}.
 */
public final class SnsMessageVerifier {

    private static final int SAN_DNS_NAME = 2;

    private final CertUrlPolicy certUrlPolicy;
    private final CertificateFetcher certificates;
    private final Set<String> allowedTopicArns;
    private final Duration timestampTolerance;
    private final Clock clock;

    /**
     * @param timestampTolerance how far a message Timestamp may be from the clock, either way; it must
     *                           exceed the subscription's delivery retry span or retries are refused
     */
    public SnsMessageVerifier(CertUrlPolicy certUrlPolicy, CertificateFetcher certificates,
            Set<String> allowedTopicArns, Duration timestampTolerance, Clock clock) {
        this.certUrlPolicy = Objects.requireNonNull(certUrlPolicy, "certUrlPolicy");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.allowedTopicArns = Set.copyOf(allowedTopicArns);
        this.timestampTolerance = Objects.requireNonNull(timestampTolerance, "timestampTolerance");
        if (timestampTolerance.isNegative() || timestampTolerance.isZero()) {
            throw new IllegalArgumentException("timestampTolerance must be positive but was " + timestampTolerance);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Returns {@link Verdict.Valid} or {@link Verdict.Rejected}; never {@link Verdict.Duplicate}. May
     * wait for the network to fetch the signing certificate.
     */
    public Verdict verify(SnsEnvelope envelope) {
        return decide(envelope, url -> Optional.of(certificates.fetch(url))).orElseThrow();
    }

    /**
     * Like {@link #verify}, but never waits: empty when the verdict needs the signing certificate and it
     * is not at hand (not cached), so the caller can verify again where waiting is allowed.
     */
    public Optional<Verdict> verifyWithoutWaiting(SnsEnvelope envelope) {
        return decide(envelope, url -> certificates.atHand(url).map(CertificateFetcher.Result.Fetched::new));
    }

    private Optional<Verdict> decide(SnsEnvelope envelope,
            Function<URI, Optional<CertificateFetcher.Result>> certificateSource) {
        Optional<SignatureVersion> version = SignatureVersion.fromWire(envelope.signatureVersion());
        if (version.isEmpty()) {
            return rejected(Reason.UNSUPPORTED_SIGNATURE_VERSION,
                    "SignatureVersion: expected 1 or 2 but was '" + envelope.signatureVersion() + "'");
        }
        Optional<byte[]> signature = decodeBase64(envelope.signature());
        if (signature.isEmpty()) {
            return rejected(Reason.MALFORMED, "Signature: expected base64");
        }
        if (!allowedTopicArns.contains(envelope.topicArn())) {
            return rejected(Reason.TOPIC_NOT_ALLOWED, "TopicArn: '" + envelope.topicArn() + "' is not subscribed");
        }
        Instant now = clock.instant();
        Optional<Rejected> timestampProblem = checkTimestamp(envelope.timestamp(), now);
        if (timestampProblem.isPresent()) {
            return Optional.of(timestampProblem.get());
        }
        CertUrlPolicy.Check urlCheck = certUrlPolicy.check(envelope.signingCertUrl());
        if (urlCheck instanceof CertUrlPolicy.Check.Refused refused) {
            return rejected(Reason.CERT_URL_NOT_ALLOWED, refused.detail());
        }
        Optional<CertificateFetcher.Result> fetched =
                certificateSource.apply(((CertUrlPolicy.Check.Allowed) urlCheck).uri());
        if (fetched.isEmpty()) {
            return Optional.empty();
        }
        if (fetched.get() instanceof CertificateFetcher.Result.Failed failed) {
            return rejected(Reason.CERT_UNAVAILABLE, failed.detail());
        }
        X509Certificate certificate = ((CertificateFetcher.Result.Fetched) fetched.get()).certificate();
        Optional<String> certificateProblem = problemWith(certificate, now);
        if (certificateProblem.isPresent()) {
            return rejected(Reason.CERT_INVALID, certificateProblem.get());
        }
        return Optional.of(checkSignature(envelope, version.get(), signature.get(), certificate));
    }

    private static Optional<Verdict> rejected(Reason reason, String detail) {
        return Optional.of(new Rejected(reason, detail));
    }

    public Duration timestampTolerance() {
        return timestampTolerance;
    }

    private Optional<Rejected> checkTimestamp(String timestamp, Instant now) {
        Instant sent;
        try {
            sent = SnsTimestamp.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Optional.of(new Rejected(Reason.MALFORMED, "Timestamp: expected an ISO-8601 instant"));
        }
        Duration skew = Duration.between(sent, now).abs();
        if (skew.compareTo(timestampTolerance) > 0) {
            return Optional.of(new Rejected(Reason.STALE_TIMESTAMP,
                    "Timestamp: " + timestamp + " is more than " + timestampTolerance + " from " + now));
        }
        return Optional.empty();
    }

    private static Verdict checkSignature(SnsEnvelope envelope, SignatureVersion version, byte[] signature,
            X509Certificate certificate) {
        try {
            Signature verifier = Signature.getInstance(version.jcaAlgorithm());
            verifier.initVerify(certificate);
            verifier.update(envelope.bytesToSign());
            if (verifier.verify(signature)) {
                return new Verdict.Valid(envelope);
            }
            return new Rejected(Reason.BAD_SIGNATURE, "Signature does not match the signed fields");
        } catch (InvalidKeyException e) {
            return new Rejected(Reason.CERT_INVALID, "certificate key cannot verify signatures: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return new Rejected(Reason.BAD_SIGNATURE, "Signature could not be checked: " + e.getMessage());
        }
    }

    private static Optional<byte[]> decodeBase64(String value) {
        try {
            return Optional.of(Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Empty when the certificate may verify SNS signatures at {@code now}, otherwise why it may not. */
    private Optional<String> problemWith(X509Certificate certificate, Instant now) {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            return Optional.of("certificate expired at " + certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            return Optional.of("certificate not valid before " + certificate.getNotBefore().toInstant());
        }
        if (!"RSA".equals(certificate.getPublicKey().getAlgorithm())) {
            return Optional.of("certificate key is " + certificate.getPublicKey().getAlgorithm() + ", expected RSA");
        }
        List<String> names = namesOf(certificate);
        if (names.stream().noneMatch(certUrlPolicy::subjectAllowed)) {
            return Optional.of("certificate is not issued to an SNS name; it names " + names);
        }
        return Optional.empty();
    }

    /** The subject CNs and dNSName SANs of the certificate. */
    private static List<String> namesOf(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName(X500Principal.RFC2253))
                    .getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String value) {
                    names.add(value);
                }
            }
        } catch (InvalidNameException e) {
            names.clear();
        }
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (alternative.size() == 2 && Integer.valueOf(SAN_DNS_NAME).equals(alternative.get(0))
                            && alternative.get(1) instanceof String dnsName) {
                        names.add(dnsName);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return names;
        }
        return names;
    }

    /** SNS {@code SignatureVersion} values and the JCA algorithm each one means. */
    private enum SignatureVersion {
        V1("1", "SHA1withRSA"),
        V2("2", "SHA256withRSA");

        private final String wireValue;
        private final String jcaAlgorithm;

        SignatureVersion(String wireValue, String jcaAlgorithm) {
            this.wireValue = wireValue;
            this.jcaAlgorithm = jcaAlgorithm;
        }

        static Optional<SignatureVersion> fromWire(String value) {
            return Arrays.stream(values()).filter(v -> v.wireValue.equals(value)).findFirst();
        }

        String jcaAlgorithm() {
            return jcaAlgorithm;
        }
    }
}
