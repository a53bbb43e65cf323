package dev.ecsami.operator.ingest.sns;

import dev.ecsami.operator.ingest.sns.Verdict.Reason;
import dev.ecsami.operator.ingest.sns.Verdict.Rejected;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether an SNS message really comes from SNS, for a topic we subscribe to, recently.
 * Cheap checks run first (version, topic, timestamp, certificate URL); the certificate is fetched
 * only for a message that passed them. Stateless apart from the fetcher: duplicate detection lives
 * in {@link SnsIngest}.
 */
public final class SnsMessageVerifier {

    private final CertUrlPolicy certUrlPolicy;
    private final CertificateFetcher certificates;
    private final SigningCertificateCheck certificateCheck;
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
        this.certificateCheck = new SigningCertificateCheck(certUrlPolicy);
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
        Optional<String> certificateProblem = certificateCheck.problemWith(certificate, now);
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
            verifier.update(StringToSign.bytesOf(envelope));
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
}
