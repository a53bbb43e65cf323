package dev.ecsami.operator.api;

import dev.ecsami.operator.SimulatedTestProfile;
import dev.ecsami.operator.app.Backend;
import dev.ecsami.operator.app.SimulatedBackend;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.ecsami.operator.api.ApiTestSupport.asOperator;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@TestProfile(SimulatedTestProfile.class)
class TargetsAndOpsApiTest {

    @Test
    void targetsShowSourcePolicyAmisAndInstanceCounts() {
        List<Map<String, Object>> targets = asOperator().get("/api/targets").then().statusCode(200)
                .extract().path("");

        assertThat(targets).extracting(t -> t.get("name")).containsExactly("ctl", "demo", "fleet", "other", "web", "webctl");
        Map<String, Object> other = targets.get(3);
        assertThat(other.get("amiSource")).isEqualTo("ssm:/custom/golden-ami");
        assertThat(other.get("onNewAmi")).isEqualTo("APPROVE");
        assertThat(other.get("latestAmi")).extracting("imageId").isNotNull();
        assertThat(other.get("currentAmi")).extracting("name").asString().startsWith("al2023-ami-ecs");
        assertThat(other.get("instances")).extracting("total").asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.INTEGER).isGreaterThanOrEqualTo(3);
        assertThat(other.get("policy")).extracting("drainTimeout").isEqualTo("PT30M");
        assertThat(other.get("error")).isNull();
        assertThat(other.get("leader")).as("one process leads itself").isNotNull()
                .isEqualTo(other.get("answeredBy"));
    }

    @Test
    void targetsListWhatElseActsOnTheGroupAndWhatARolloutWouldDoAboutIt() {
        List<Map<String, Object>> targets = asOperator().get("/api/targets").then().statusCode(200)
                .extract().path("");

        Map<String, Object> demo = targets.get(1);
        assertThat(demo.get("surroundings")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("rolloutSuspends", List.of("AZRebalance")).containsEntry("desiredCapacityType", "units")
                .containsEntry("scalingPolicies", List.of()).containsEntry("launchTemplateSharedWith", List.of())
                .containsKeys("capacityProvider", "scheduledActions", "lifecycleHooks", "suspendedProcesses",
                        "instanceWeights", "standbyInstances", "protectedInstances", "terminationPolicies");
        assertThat(demo.get("findings")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .anySatisfy(f -> assertThat(f).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("code", "SUSPENDED_PROCESSES").containsEntry("severity", "INFO"));
    }

    @Inject
    Backend backend;

    @Test
    void aTargetWhoseSurroundingsCannotBeReadStillShowsItsFleetAndSaysWhy() {
        SimulatedBackend simulated = (SimulatedBackend) backend;
        simulated.clock().advance(java.time.Duration.ofMinutes(1));
        simulated.aws().faults().failNext("DescribeLifecycleHooks", 4, "ThrottlingException", true);

        List<Map<String, Object>> targets = asOperator().get("/api/targets").then().statusCode(200)
                .extract().path("");

        assertThat(targets).anySatisfy(t -> {
            assertThat(t.get("error")).asString().startsWith("surroundings not read: ");
            assertThat(t.get("instances")).isNotNull();
            assertThat(t.get("latestAmi")).isNotNull();
            assertThat(t.get("surroundings")).isNull();
        });
    }

    @Test
    void planShowsOrderFindingsAndEstimateWithoutSideEffects() {
        int before = asOperator().get("/api/rollouts").path("total");

        Response plan = asOperator().body("{\"maxInFlight\":2}").post("/api/targets/demo/plan");

        plan.then().statusCode(200);
        assertThat((int) plan.path("policy.maxInFlight")).isEqualTo(2);
        assertThat((String) plan.path("to.imageId")).startsWith("ami-");
        assertThat(plan.<List<Object>>path("findings")).isNotNull();
        assertThat((Boolean) plan.path("blocked")).isFalse();
        assertThat(plan.<List<String>>path("surroundings.rolloutSuspends")).containsExactly("AZRebalance");
        assertThat(plan.<List<String>>path("findings.code")).contains("SUSPENDED_PROCESSES");
        assertThat((int) asOperator().get("/api/rollouts").path("total")).isEqualTo(before);
        asOperator().post("/api/targets/nope/plan").then().statusCode(404).body("field",
                org.hamcrest.Matchers.equalTo("target"));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/api/targets/demo/plan")
    java.net.URL planUrl;

    @Test
    void planWithoutBodyOrContentTypeUsesTheTargetsPolicy() throws Exception {
        java.net.http.HttpResponse<String> plan = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(planUrl.toURI())
                        .header("Authorization", "Bearer " + dev.ecsami.operator.SimulatedTestProfile.OPERATOR_TOKEN)
                        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        assertThat(plan.body()).contains("\"target\":\"demo\"");
    }

    @Test
    void healthIsOpenAndReportsTheBackend() {
        RestAssured.get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'backend' }.data.backend", org.hamcrest.Matchers.equalTo("simulated"));
        RestAssured.get("/q/health/live").then().statusCode(200);
    }

    @Test
    void metricsCountAwsCallsByOperationAndNotificationsByVerdict() {
        asOperator().get("/api/targets").then().statusCode(200);

        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).contains("ecs_operator_aws_calls_total{operation=\"DescribeGroup\"");
        RestAssured.given().contentType("text/plain").body("{not an SNS message").post("/sns").then().statusCode(400);
        assertThat(RestAssured.get("/q/metrics").then().extract().asString())
                .contains("ecs_operator_notifications_total{kind=\"unknown\",verdict=\"malformed\"}");
    }

    @Test
    void openApiDescribesTheApi() {
        String doc = RestAssured.get("/q/openapi").then().statusCode(200).extract().asString();

        assertThat(doc).contains("/api/rollouts/{id}/rollback").contains("/api/targets/{name}/plan");
    }
}
