package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.ExternalCallFailed;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place where SDK exceptions become {@link ExternalCallFailed}. Every adapter call goes
 * through {@link #call}, naming the API operation, so errors say which call failed and whether
 * trying again can help. By the time an exception arrives here the SDK has already spent its retries.
 */
public final class AwsCalls {

    /** Error codes that mean "try again later" although their HTTP status is 4xx. */
    static final Set<String> TRANSIENT_CODES = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "RequestLimitExceeded", "RequestThrottled", "SlowDown",
            "ProvisionedThroughputExceededException", "TransactionInProgressException", "PriorRequestNotComplete",
            "RequestTimeout", "RequestTimeoutException", "IDPCommunicationError", "EC2ThrottledException",
            "ResourceContention", "ScalingActivityInProgress", "ServerException", "InternalFailure",
            "InternalError", "ServiceUnavailable", "ServiceUnavailableException", "Unavailable");

    private AwsCalls() {
    }

    /** Runs one SDK call and translates its failure. */
    public static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(operation, e);
        }
    }

    /**
     * Every item of a paginated read: one call per page, each given the previous page's next token
     * (null for the first), until a page has none.
     */
    public static <R, T> List<T> allPages(String operation, Function<String, R> page, Function<R, List<T>> items,
                                          Function<R, String> nextToken) {
        List<T> all = new ArrayList<>();
        String token = null;
        do {
            String current = token;
            R response = call(operation, () -> page.apply(current));
            all.addAll(items.apply(response));
            token = nextToken.apply(response);
        } while (token != null && !token.isEmpty());
        return all;
    }

    public static ExternalCallFailed translate(String operation, SdkException e) {
        if (e instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null || details.errorCode() == null || details.errorCode().isBlank()
                    ? "HTTP" + service.statusCode()
                    : details.errorCode();
            String message = details == null || details.errorMessage() == null ? service.getMessage()
                    : details.errorMessage();
            return cause(new ExternalCallFailed(operation, code, message, isTransient(service, code)), e);
        }
        if (e instanceof SdkClientException) {
            // network failures, time-outs, unreadable responses: the next attempt may succeed
            return cause(new ExternalCallFailed(operation, e.getClass().getSimpleName(), e.getMessage(), true), e);
        }
        return cause(new ExternalCallFailed(operation, e.getClass().getSimpleName(), e.getMessage(), e.retryable()), e);
    }

    private static boolean isTransient(AwsServiceException e, String code) {
        return e.isThrottlingException() || e.statusCode() == 429 || e.statusCode() >= 500
                || TRANSIENT_CODES.contains(code);
    }

    private static ExternalCallFailed cause(ExternalCallFailed failed, Throwable cause) {
        failed.initCause(cause);
        return failed;
    }
}
