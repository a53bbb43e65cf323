package dev.ecsami.operator.api;

import dev.ecsami.operator.SimulatedTestProfile;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.runtime.NewAmiCheck;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.ecsami.operator.api.ApiTestSupport.asOperator;
import static dev.ecsami.operator.api.ApiTestSupport.awaitState;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(SimulatedTestProfile.class)
class RolloutsApiTest {

    @Inject
    NewAmiCheck amiCheck;

    @Test
    void rolloutStartedOverHttpCompletesAndCanBeRolledBack() {
        Response started = asOperator().body("{\"target\":\"fleet\"}").post("/api/rollouts");
        started.then().statusCode(202);
        String id = started.path("id");
        assertThat(started.header("Location")).endsWith("/api/rollouts/" + id);
        assertThat((String) started.path("trigger.kind")).isEqualTo("HTTP");
        assertThat((String) started.path("trigger.source")).isEqualTo("ops");

        assertThat(awaitState(id, Duration.ofSeconds(60), "SUCCEEDED", "PAUSED", "FAILED")).isEqualTo("SUCCEEDED");
        Response done = asOperator().get("/api/rollouts/" + id);
        List<Map<String, Object>> steps = done.path("steps");
        // Every outdated instance replaced; a step that evens out the zones before AZRebalance resumes may follow.
        assertThat(steps).allSatisfy(s -> assertThat(s.get("phase")).isEqualTo("DONE"));
        assertThat(steps).filteredOn(s -> "REPLACE".equals(s.get("purpose"))).hasSize(3);
        assertThat(steps.get(0).get("marks")).asList().hasSizeGreaterThanOrEqualTo(5);
        assertThat(done.<List<String>>path("events.type")).contains("CREATED", "DRAIN_STARTED", "SUCCEEDED");
        List<Map<String, Object>> targets = asOperator().get("/api/targets").path("findAll { it.name == 'fleet' }");
        assertThat(targets.get(0)).extracting("instances").extracting("outdated").isEqualTo(0);

        Response back = asOperator().post("/api/rollouts/" + id + "/rollback");
        back.then().statusCode(202);
        assertThat((String) back.path("toAmi.imageId")).isEqualTo(done.path("fromAmi.imageId"));
        assertThat((String) back.path("trigger.detail")).isEqualTo("rollback of " + id);
        assertThat(awaitState(back.path("id"), Duration.ofSeconds(60), "SUCCEEDED", "PAUSED", "FAILED"))
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void secondRolloutForTheSameGroupIsAConflictNamingTheFirstAndControlsFollowTheStateMachine() {
        Response first = asOperator().body("{\"target\":\"ctl\",\"bakeTime\":\"10m\"}").post("/api/rollouts");
        first.then().statusCode(202);
        String id = first.path("id");

        asOperator().body("{\"target\":\"ctl\"}").post("/api/rollouts").then().statusCode(409)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString(id));

        asOperator().body("{\"reason\":\"release freeze\"}").post("/api/rollouts/" + id + "/pause").then()
                .statusCode(200).body("state", org.hamcrest.Matchers.equalTo("PAUSED"))
                .body("reason", org.hamcrest.Matchers.equalTo("release freeze"));
        asOperator().post("/api/rollouts/" + id + "/approve").then().statusCode(409);
        asOperator().post("/api/rollouts/" + id + "/resume").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("RUNNING"));
        asOperator().post("/api/rollouts/" + id + "/resume").then().statusCode(409)
                .contentType("application/problem+json");
        Response aborted = asOperator().post("/api/rollouts/" + id + "/abort");
        aborted.then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("ABORTED"));
        asOperator().post("/api/rollouts/" + id + "/abort").then().statusCode(409);
        asOperator().post("/api/rollouts/" + id + "/resume").then().statusCode(409);

        List<Map<String, Object>> events = aborted.path("events");
        assertThat(events).filteredOn(e -> List.of("PAUSED", "RESUMED", "ABORTED").contains(e.get("type")))
                .hasSize(3).allSatisfy(e -> assertThat(e.get("actor")).isEqualTo("ops"));
    }

    @Test
    void targetWaitingForApprovalStartsWhenApproved() {
        amiCheck.run(new Trigger(Trigger.Kind.SSM_CHECK, "", "test"));
        List<Map<String, Object>> planned = asOperator().get("/api/rollouts?target=other&state=PLANNED")
                .then().statusCode(200).extract().path("items");
        assertThat(planned).hasSize(1);
        String id = (String) planned.get(0).get("id");

        asOperator().post("/api/rollouts/" + id + "/approve").then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("RUNNING"));
        asOperator().post("/api/rollouts/" + id + "/abort").then().statusCode(200);
    }

    @Test
    void dryRunReturnsThePlanAndStartsNothing() {
        int before = asOperator().get("/api/rollouts").path("total");

        Response plan = asOperator().body("{\"target\":\"other\",\"dryRun\":true,\"surge\":false}")
                .post("/api/rollouts");

        plan.then().statusCode(200);
        assertThat((String) plan.path("target")).isEqualTo("other");
        assertThat((Boolean) plan.path("policy.surge")).isFalse();
        assertThat((String) plan.path("estimate")).startsWith("PT");
        assertThat(plan.<List<String>>path("surroundings.rolloutSuspends")).isNotNull();
        assertThat((int) asOperator().get("/api/rollouts").path("total")).isEqualTo(before);
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        expectProblem("{\"target\":\"other\",\"drainTimeout\":\"soon\"}", 400, "drainTimeout");
        expectProblem("{\"target\":\"other\",\"maxInFlight\":0}", 400, "maxInFlight");
        expectProblem("{\"target\":\"other\",\"maxInFlight\":\"many\"}", 400, "maxInFlight");
        expectProblem("{\"target\":\"other\",\"onDrainTimeout\":\"maybe\"}", 400, "onDrainTimeout");
        expectProblem("{\"target\":\"other\",\"ami\":\"not-an-ami\"}", 400, "ami");
        expectProblem("{\"cluster\":\"c\",\"autoScalingGroup\":\"g\",\"ami\":\"ami-0123456789abcdef0\"}", 400,
                "target");
        expectProblem("{\"target\":\"nope\"}", 404, "target");
        asOperator().body("{not json").post("/api/rollouts").then().statusCode(400)
                .contentType("application/problem+json");
        asOperator().get("/api/rollouts?state=BOGUS").then().statusCode(400).body("field",
                org.hamcrest.Matchers.equalTo("state"));
        asOperator().get("/api/rollouts?limit=0").then().statusCode(400).body("field",
                org.hamcrest.Matchers.equalTo("limit"));
        asOperator().get("/api/rollouts/does-not-exist").then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static void expectProblem(String body, int status, String field) {
        asOperator().body(body).post("/api/rollouts").then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(status))
                .body("field", org.hamcrest.Matchers.equalTo(field))
                .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString()));
    }

    @Test
    void listPaginatesNewestFirst() {
        Response page = asOperator().get("/api/rollouts?limit=1");
        page.then().statusCode(200);
        int total = page.path("total");
        List<Object> items = page.path("items");
        assertThat(items.size()).isEqualTo(Math.min(1, total));
        if (total > 1) {
            assertThat((Integer) page.path("nextOffset")).isEqualTo(1);
        }
    }

    @Test
    void drainsAreListedPaginatedAndABadFilterNamesItsField() {
        asOperator().get("/api/drains?limit=5").then().statusCode(200)
                .body("offset", org.hamcrest.Matchers.equalTo(0))
                .body("items", org.hamcrest.Matchers.notNullValue());
        asOperator().get("/api/drains?limit=0").then().statusCode(400).body("field",
                org.hamcrest.Matchers.equalTo("limit"));
        asOperator().get("/api/drains?state=GONE").then().statusCode(400).body("field",
                org.hamcrest.Matchers.equalTo("state"));
    }
}
