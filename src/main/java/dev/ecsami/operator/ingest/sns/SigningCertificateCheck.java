package dev.ecsami.operator.ingest.sns;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Decides whether a fetched certificate may verify SNS signatures right now: within its validity
 * period, issued to an SNS name (subject CN or a dNSName SAN) and carrying an RSA key. Chain trust is
 * established by the TLS download, see {@link HttpsCertificateFetcher}.
 */
final class SigningCertificateCheck {

    private static final int SAN_DNS_NAME = 2;

    private final CertUrlPolicy policy;

    SigningCertificateCheck(CertUrlPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** Empty when the certificate is acceptable, otherwise why it is not. */
    Optional<String> problemWith(X509Certificate certificate, Instant now) {
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
        if (names.stream().noneMatch(policy::subjectAllowed)) {
            return Optional.of("certificate is not issued to an SNS name; it names " + names);
        }
        return Optional.empty();
    }

    private static List<String> namesOf(X509Certificate certificate) {
        List<String> names = new ArrayList<>(commonNames(certificate.getSubjectX500Principal()));
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

    private static List<String> commonNames(X500Principal subject) {
        List<String> commonNames = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String value) {
                    commonNames.add(value);
                }
            }
        } catch (InvalidNameException e) {
            return List.of();
        }
        return commonNames;
    }
}
