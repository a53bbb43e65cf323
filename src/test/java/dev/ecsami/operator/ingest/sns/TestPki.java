package dev.ecsami.operator.ingest.sns;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and leaf certificates, made once per test JVM with the JDK's
 * keytool: an SNS signing leaf (CN=sns.amazonaws.com), a leaf for a foreign name, a leaf named only by
 * a SAN, and a TLS server leaf for 127.0.0.1.
 */
public final class TestPki {

    private static final String PASSWORD = "changeit";

    /** A private key and the CA-issued certificate for it. */
    public record Leaf(PrivateKey key, X509Certificate certificate) {
        public String pem() {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded())
                    + "\n-----END CERTIFICATE-----\n";
        }

        private byte[] encoded() {
            try {
                return certificate.getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final X509Certificate ca;
    public final Leaf sns;
    /** An SNS signing leaf whose validity ended ten days ago. */
    public final Leaf expiredSns;
    final Leaf foreignName;
    final Leaf sanOnly;
    final Leaf loopbackServer;

    private static TestPki instance;

    public static synchronized TestPki get() {
        if (instance == null) {
            instance = new TestPki();
        }
        return instance;
    }

    private TestPki() {
        try {
            Path dir = Files.createTempDirectory("sns-test-pki");
            Path keystore = dir.resolve("pki.p12");
            keytool(dir, "-genkeypair", "-keystore", keystore.toString(), "-alias", "ca", "-dname", "CN=Test SNS CA",
                    "-ext", "bc:c", "-startdate", "-1d", "-validity", "30");
            sns = issue(dir, keystore, "sns", "CN=sns.amazonaws.com", null);
            expiredSns = issue(dir, keystore, "expired", "CN=sns.amazonaws.com", null, "-30d", "20");
            foreignName = issue(dir, keystore, "foreign", "CN=sns.amazonaws.com.evil.example", null);
            sanOnly = issue(dir, keystore, "san", "CN=Notification Signer", "SAN=dns:sns.eu-west-1.amazonaws.com");
            loopbackServer = issue(dir, keystore, "server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
            ca = (X509Certificate) load(keystore).getCertificate("ca");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not build the test PKI", e);
        }
    }

    /** Trusts only the test CA. */
    SSLContext clientTrustingCa() throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** Presents the loopback server leaf and the CA. */
    SSLContext loopbackServerContext() throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", loopbackServer.key(), PASSWORD.toCharArray(),
                new Certificate[] {loopbackServer.certificate(), ca});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static Leaf issue(Path dir, Path keystore, String alias, String subject, String extension)
            throws IOException, GeneralSecurityException {
        return issue(dir, keystore, alias, subject, extension, "-1d", "20");
    }

    private static Leaf issue(Path dir, Path keystore, String alias, String subject, String extension,
            String startDate, String validityDays) throws IOException, GeneralSecurityException {
        Path csr = dir.resolve(alias + ".csr");
        Path pem = dir.resolve(alias + ".pem");
        keytool(dir, "-genkeypair", "-keystore", keystore.toString(), "-alias", alias, "-dname", subject);
        keytool(dir, "-certreq", "-keystore", keystore.toString(), "-alias", alias, "-file", csr.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-keystore", keystore.toString(), "-alias", "ca",
                "-infile", csr.toString(), "-outfile", pem.toString(), "-rfc", "-startdate", startDate,
                "-validity", validityDays));
        if (extension != null) {
            gencert.addAll(List.of("-ext", extension));
        }
        keytool(dir, gencert.toArray(String[]::new));
        PrivateKey key = (PrivateKey) load(keystore).getKey(alias, PASSWORD.toCharArray());
        try (InputStream in = Files.newInputStream(pem)) {
            return new Leaf(key, (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    private static KeyStore load(Path keystore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        if ("-genkeypair".equals(args[0])) {
            command.addAll(List.of("-keyalg", "RSA", "-keysize", "2048", "-keypass", PASSWORD));
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }
}
