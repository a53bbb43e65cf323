package dev.ecsami.operator.api;

import dev.ecsami.operator.SimulatedTestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.time.Instant;

/** Requests as the operator token, and waiting for a rollout to reach a state. */
final class ApiTestSupport {
    private ApiTestSupport() {
    }

    static RequestSpecification asOperator() {
        return RestAssured.given().contentType("application/json")
                .header("Authorization", "Bearer " + SimulatedTestProfile.OPERATOR_TOKEN);
    }

    /** Polls GET /api/rollouts/{id} until its state is one of those given; returns the last state. */
    static String awaitState(String id, Duration limit, String... states) {
        Instant end = Instant.now().plus(limit);
        String state = "";
        while (Instant.now().isBefore(end)) {
            state = asOperator().get("/api/rollouts/" + id).then().statusCode(200).extract().path("state");
            for (String s : states) {
                if (s.equals(state)) {
                    return state;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
        }
        return state;
    }
}
