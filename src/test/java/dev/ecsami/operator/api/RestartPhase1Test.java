package dev.ecsami.operator.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.ecsami.operator.api.ApiTestSupport.asOperator;
import static dev.ecsami.operator.api.ApiTestSupport.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

/** A run on an empty file store: a rollout started over HTTP completes and is written to the store's directory. */
@QuarkusTest
@TestProfile(RestartProfiles.Phase1.class)
class RestartPhase1Test {

    @Test
    void rolloutStartedOverHttpCompletesAndIsStoredOnDisk() throws Exception {
        Response started = asOperator().body("{\"target\":\"fleet\"}").post("/api/rollouts");
        started.then().statusCode(202);
        String id = started.path("id");

        assertThat(awaitState(id, Duration.ofSeconds(60), "SUCCEEDED", "PAUSED", "FAILED")).isEqualTo("SUCCEEDED");
        assertThat(RestartProfiles.Phase1.STORE.resolve("rollout-" + id + ".json")).exists();
    }
}
