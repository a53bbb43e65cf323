package dev.ecsami.operator.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ecsami.operator.api.ApiTestSupport.asOperator;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new application over a store an earlier run left behind (as after a restart): that run's
 * rollout and its history are there to read.
 */
@QuarkusTest
@TestProfile(RestartProfiles.Phase2.class)
class RestartPhase2Test {

    @Test
    void historyOfTheRolloutIsReadableAfterTheApplicationRestarts() {
        List<Map<String, Object>> items = asOperator().get("/api/rollouts?target=fleet&state=SUCCEEDED")
                .then().statusCode(200).extract().path("items");
        assertThat(items).as("the rollout the earlier run stored").hasSize(1);

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
