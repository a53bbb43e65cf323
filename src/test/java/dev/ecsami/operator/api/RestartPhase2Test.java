package dev.ecsami.operator.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ecsami.operator.api.ApiTestSupport.asOperator;
import static org.assertj.core.api.Assertions.assertThat;

/** Second run, a new application over the same store: the first run's rollout and history are there. */
@QuarkusTest
@TestProfile(RestartProfiles.Phase2.class)
class RestartPhase2Test {

    @Test
    void historyOfTheRolloutIsReadableAfterTheApplicationRestarts() {
        List<Map<String, Object>> items = asOperator().get("/api/rollouts?target=fleet&state=SUCCEEDED")
                .then().statusCode(200).extract().path("items");
        assertThat(items).as("the rollout of the first run (RestartPhase1Test)").hasSize(1);

        Response detail = asOperator().get("/api/rollouts/" + items.get(0).get("id"));
        detail.then().statusCode(200);
        assertThat(detail.<List<String>>path("events.type")).contains("CREATED", "DRAIN_STARTED", "TERMINATED",
                "SUCCEEDED");
        assertThat(detail.<List<String>>path("steps.phase")).containsOnly("DONE");
        assertThat(detail.<List<String>>path("steps.purpose")).as("outdated instances replaced")
                .filteredOn("REPLACE"::equals).hasSize(3);
        assertThat(detail.<String>path("trigger.source")).isEqualTo("ops");
    }
}
