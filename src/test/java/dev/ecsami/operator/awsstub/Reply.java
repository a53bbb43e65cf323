package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.port.ExternalCallFailed;

/** One HTTP answer of the stub: status, content type and body. */
record Reply(int status, String contentType, String body) {
    static final String JSON = "application/x-amz-json-1.1";
    static final String XML = "text/xml;charset=UTF-8";

    static Reply json(String body) {
        return new Reply(200, JSON, body);
    }

    static Reply xml(String body) {
        return new Reply(200, XML, body);
    }

    /** Thrown by an API handler to answer with an AWS error of its own, not one of the simulation. */
    static final class Failure extends RuntimeException {
        final ExternalCallFailed error;

        Failure(String operation, String code, String message) {
            super(message);
            this.error = new ExternalCallFailed(operation, code, message, false);
        }
    }
}
