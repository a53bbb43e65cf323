package dev.ecsami.operator.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsami.operator.api.Problem;
import dev.ecsami.operator.ingest.sns.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SNS retries 5xx only: permanent refusals must be 4xx, transient ones 503. */
class SnsProblemsTest {

    @ParameterizedTest
    @CsvSource({
        "MALFORMED, 400, malformed",
        "UNSUPPORTED_SIGNATURE_VERSION, 400, unsupported-signature-version",
        "STALE_TIMESTAMP, 400, stale-timestamp",
        "TOPIC_NOT_ALLOWED, 403, topic-not-allowed",
        "CERT_URL_NOT_ALLOWED, 403, cert-url-not-allowed",
        "CERT_INVALID, 403, cert-invalid",
        "BAD_SIGNATURE, 403, bad-signature",
        "BODY_TOO_LARGE, 413, body-too-large",
        "CERT_UNAVAILABLE, 503, cert-unavailable"})
    void refusalIsAnsweredWithTheStatusThatGetsTheRightRetryBehaviour(Verdict.Reason reason, int status,
            String typeSuffix) {
        Problem problem = SnsEndpoint.problem(new Verdict.Rejected(reason, "Field: what was wrong"));

        assertThat(problem.status()).isEqualTo(status);
        assertThat(problem.type()).isEqualTo("urn:ecs-ami-operator:problem:sns:" + typeSuffix);
        assertThat(problem.detail()).isEqualTo("Field: what was wrong");
        assertThat(problem.title()).isNotBlank();
    }
}
