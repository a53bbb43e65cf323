package dev.ecsami.operator.ingest;

import dev.ecsami.operator.ingest.sns.Verdict;
import java.util.Locale;

/**
 * HTTP answers to refused SNS requests. SNS retries only 5xx answers and timeouts, so a message
 * that can never become acceptable gets a 4xx: 400 for a malformed or stale message, 403 when its
 * authenticity or topic is refused, 413 when it is too large. A transient failure on our side
 * (certificate host unreachable, backlog full) gets 503 so that SNS delivers it again.
 */
final class SnsProblems {

    private static final String TYPE_PREFIX = "urn:ecs-ami-operator:problem:sns:";

    private SnsProblems() {
    }

    static Problem rejected(Verdict.Rejected rejected) {
        int status = switch (rejected.reason()) {
            case MALFORMED, UNSUPPORTED_SIGNATURE_VERSION, STALE_TIMESTAMP -> 400;
            case TOPIC_NOT_ALLOWED, CERT_URL_NOT_ALLOWED, CERT_INVALID, BAD_SIGNATURE -> 403;
            case BODY_TOO_LARGE -> 413;
            case CERT_UNAVAILABLE -> 503;
        };
        String name = rejected.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
        return new Problem(TYPE_PREFIX + name, title(rejected.reason()), status, rejected.detail());
    }

    static Problem busy() {
        return new Problem(TYPE_PREFIX + "busy", "Too many messages in progress", 503,
                "the backlog of accepted messages is full; deliver again later");
    }

    static Problem typeHeaderMismatch(String header, String bodyType) {
        return new Problem(TYPE_PREFIX + "malformed", "Malformed SNS message", 400,
                "x-amz-sns-message-type: header says '" + header + "' but the body Type is '" + bodyType + "'");
    }

    private static String title(Verdict.Reason reason) {
        return switch (reason) {
            case MALFORMED -> "Malformed SNS message";
            case BODY_TOO_LARGE -> "SNS message too large";
            case UNSUPPORTED_SIGNATURE_VERSION -> "Unsupported SNS signature version";
            case TOPIC_NOT_ALLOWED -> "SNS topic not allowed";
            case STALE_TIMESTAMP -> "SNS message timestamp outside the accepted window";
            case CERT_URL_NOT_ALLOWED -> "SNS signing certificate URL not allowed";
            case CERT_UNAVAILABLE -> "SNS signing certificate unavailable";
            case CERT_INVALID -> "SNS signing certificate not acceptable";
            case BAD_SIGNATURE -> "SNS signature does not verify";
        };
    }
}
