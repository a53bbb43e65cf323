package dev.ecsami.operator.ingest.sns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertUrlPolicyTest {

    private final CertUrlPolicy aws = CertUrlPolicy.aws();

    @ParameterizedTest
    @ValueSource(strings = {
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.eu-central-2.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-abc.pem",
        "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-abc.pem",
        "https://SNS.US-EAST-1.AMAZONAWS.COM/SimpleNotificationService-abc.pem"
    })
    void awsPolicyAllowsRegionalSnsCertificateUrls(String url) {
        assertThat(aws.check(url)).isEqualTo(new CertUrlPolicy.Check.Allowed(URI.create(url)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://sns.us-east-1.amazonaws.com/cert.pem",
        "ftp://sns.us-east-1.amazonaws.com/cert.pem",
        "https://sns.us-east-1.amazonaws.com.evil.com/cert.pem",
        "https://evil.com/sns.us-east-1.amazonaws.com/cert.pem",
        "https://evil.com/?sns.us-east-1.amazonaws.com/cert.pem",
        "https://sns.us-east-1.amazonaws.com@evil.com/cert.pem",
        "https://user:pass@sns.us-east-1.amazonaws.com/cert.pem",
        "https://evil.com#@sns.us-east-1.amazonaws.com/cert.pem",
        "https://sns.us-east-1.amazonaws.com./cert.pem",
        "https://sns.amazonaws.com/cert.pem",
        "https://sqs.us-east-1.amazonaws.com/cert.pem",
        "https://xsns.us-east-1.amazonaws.com/cert.pem",
        "https://sns.us-east-1.amazonaws.com:443/cert.pem",
        "https://sns.us-east-1.amazonaws.com:8443/cert.pem",
        "https://sns.us-east-1.amazonaws.com/cert.pem?x=.pem",
        "https://sns.us-east-1.amazonaws.com/cert.pem#x",
        "https://sns.us-east-1.amazonaws.com/cert.pem.exe",
        "https://sns.us-east-1.amazonaws.com/",
        "//sns.us-east-1.amazonaws.com/cert.pem",
        "https:sns.us-east-1.amazonaws.com/cert.pem",
        "https://sns.us-east-1.amazonaws.com\\@evil.com/cert.pem",
        "https://127.0.0.1/cert.pem"
    })
    void awsPolicyRefusesEverythingElse(String url) {
        assertThat(aws.check(url)).isInstanceOf(CertUrlPolicy.Check.Refused.class);
    }

    @Test
    void refusalSaysWhatWasWrong() {
        assertThat(aws.check("http://sns.us-east-1.amazonaws.com/cert.pem"))
                .isEqualTo(new CertUrlPolicy.Check.Refused("SigningCertURL must use https"));
        assertThat(aws.check("https://u@sns.us-east-1.amazonaws.com/cert.pem"))
                .isEqualTo(new CertUrlPolicy.Check.Refused("SigningCertURL must not contain user info"));
    }

    @Test
    void testPolicyCanAllowLoopbackOnOnePort() {
        CertUrlPolicy loopback = new CertUrlPolicy(Pattern.compile("127\\.0\\.0\\.1"), 8443,
                Pattern.compile("sns\\.amazonaws\\.com"));

        assertThat(loopback.check("https://127.0.0.1:8443/cert.pem")).isInstanceOf(CertUrlPolicy.Check.Allowed.class);
        assertThat(loopback.check("https://127.0.0.1/cert.pem")).isInstanceOf(CertUrlPolicy.Check.Refused.class);
        assertThat(loopback.check("https://127.0.0.1:8444/cert.pem")).isInstanceOf(CertUrlPolicy.Check.Refused.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sns.amazonaws.com", "sns.us-east-1.amazonaws.com", "sns.cn-northwest-1.amazonaws.com.cn",
        "SNS.AMAZONAWS.COM"})
    void awsPolicyAcceptsSnsCertificateSubjects(String name) {
        assertThat(aws.subjectAllowed(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sns.amazonaws.com.evil.example", "*.amazonaws.com", "amazonaws.com", "evil.com",
        "sqs.us-east-1.amazonaws.com", ""})
    void awsPolicyRejectsOtherCertificateSubjects(String name) {
        assertThat(aws.subjectAllowed(name)).isFalse();
    }
}
