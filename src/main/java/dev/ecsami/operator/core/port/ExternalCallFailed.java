package dev.ecsami.operator.core.port;

/**
 * A call to AWS (or its simulation) failed. Adapters translate SDK errors into this so the core
 * can decide between retrying and pausing without knowing the SDK.
 *
 * @param operation the API operation, e.g. "UpdateContainerInstancesState"
 * @param code      the service's error code, e.g. "ThrottlingException", "AccessDeniedException"
 * @param retryable throttling, 5xx and time-outs are; bad input and missing permission are not
 */
public class ExternalCallFailed extends RuntimeException {
    private final String operation;
    private final String code;
    private final boolean retryable;

    public ExternalCallFailed(String operation, String code, String message, boolean retryable) {
        super(operation + " failed: " + code + (message == null || message.isEmpty() ? "" : ": " + message));
        this.operation = operation;
        this.code = code;
        this.retryable = retryable;
    }

    public String operation() {
        return operation;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
