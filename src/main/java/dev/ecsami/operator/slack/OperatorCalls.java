package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The exact HTTP calls a person runs against the operator, shown in messages as curl commands. */
final class OperatorCalls {
    private static final String POST = "curl -X POST -H \"Authorization: Bearer $TOKEN\" ";
    private final String base;

    OperatorCalls(URI operatorUrl) {
        this.base = operatorUrl.toString();
    }

    String resume(String rolloutId) {
        return POST + rollout(rolloutId) + "/resume";
    }

    String abort(String rolloutId) {
        return POST + rollout(rolloutId) + "/abort";
    }

    String approve(String rolloutId) {
        return POST + rollout(rolloutId) + "/approve";
    }

    /** Starts a rollout of a target to its newest AMI. */
    String start(String target) {
        String body = JsonNodeFactory.instance.objectNode().put("target", target).toString();
        return POST + "-H \"Content-Type: application/json\" -d '" + body.replace("'", "'\\''") + "' "
                + base + "/api/rollouts";
    }

    private String rollout(String id) {
        return base + "/api/rollouts/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
