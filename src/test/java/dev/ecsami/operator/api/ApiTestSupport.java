package dev.ecsami.operator.api;

import dev.ecsami.operator.SimulatedTestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Requests as the operator token, and waiting for a rollout to reach a state. */
final class ApiTestSupport {
    private ApiTestSupport() {
    }

    static RequestSpecification asOperator() {
        return RestAssured.given().contentType("application/json")
                .header("Authorization", "Bearer " + SimulatedTestProfile.OPERATOR_TOKEN);
    }

    /**
     * Polls GET /api/rollouts/{id} until its state is one of those given; returns the last state seen,
     * so that a caller's assertion names where the rollout stayed when it did not get there in time.
     */
    static String awaitState(String id, Duration limit, String... states) {
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> {
                last.set(asOperator().get("/api/rollouts/" + id).then().statusCode(200).extract().path("state"));
                return List.of(states).contains(last.get());
            });
        } catch (ConditionTimeoutException e) {
            return last.get();
        }
        return last.get();
    }
}
