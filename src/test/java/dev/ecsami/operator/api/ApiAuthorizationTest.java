package dev.ecsami.operator.api;

import dev.ecsami.operator.SimulatedTestProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No token, a wrong token, a viewer and an operator against every endpoint under /api; what is open
 * to anyone stays open whatever Authorization header comes with it.
 */
@QuarkusTest
@TestProfile(SimulatedTestProfile.class)
class ApiAuthorizationTest {

    private record Call(String method, String path, String body) {
    }

    private static final List<Call> CALLS = List.of(
            new Call("GET", "/api/whoami", null),
            new Call("GET", "/api/drains", null),
            new Call("GET", "/api/targets", null),
            new Call("POST", "/api/targets/no-such-target/plan", "{}"),
            new Call("GET", "/api/rollouts", null),
            new Call("POST", "/api/rollouts", "{\"target\":\"no-such-target\"}"),
            new Call("GET", "/api/rollouts/no-such-id", null),
            new Call("POST", "/api/rollouts/no-such-id/pause", null),
            new Call("POST", "/api/rollouts/no-such-id/resume", null),
            new Call("POST", "/api/rollouts/no-such-id/approve", null),
            new Call("POST", "/api/rollouts/no-such-id/abort", null),
            new Call("POST", "/api/rollouts/no-such-id/rollback", null));

    static Stream<Arguments> matrix() {
        List<Arguments> args = new ArrayList<>();
        for (Call c : CALLS) {
            args.add(Arguments.of(c.method, c.path, c.body, "none"));
            args.add(Arguments.of(c.method, c.path, c.body, "wrong"));
            args.add(Arguments.of(c.method, c.path, c.body, "viewer"));
            args.add(Arguments.of(c.method, c.path, c.body, "operator"));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {3}")
    @MethodSource("matrix")
    void everyEndpointAuthenticatesAndAuthorizes(String method, String path, String body, String who) {
        RequestSpecification req = RestAssured.given().contentType("application/json");
        switch (who) {
            case "wrong" -> req.header("Authorization", "Bearer not-a-known-token-at-all");
            case "viewer" -> req.header("Authorization", "Bearer " + SimulatedTestProfile.VIEWER_TOKEN);
            case "operator" -> req.header("Authorization", "Bearer " + SimulatedTestProfile.OPERATOR_TOKEN);
            default -> {
            }
        }
        if (body != null) {
            req.body(body);
        }
        var res = req.request(method, path);
        int status = res.statusCode();
        switch (who) {
            case "none", "wrong" -> {
                assertThat(status).isEqualTo(401);
                assertThat(res.header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(res.contentType()).startsWith("application/problem+json");
                assertThat(res.body().asString()).doesNotContain("viewer").doesNotContain("operator-secret");
            }
            case "viewer" -> assertThat(status).isEqualTo(method.equals("GET") ? expectedForOperator(method, path) : 403);
            default -> assertThat(status).isEqualTo(expectedForOperator(method, path));
        }
    }

    /** Lists answer 200; every other call names something that does not exist: 404 once authorized. */
    private static int expectedForOperator(String method, String path) {
        if (method.equals("GET") && List.of("/api/targets", "/api/rollouts", "/api/drains", "/api/whoami")
                .contains(path)) {
            return 200;
        }
        return 404;
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("openEndpoints")
    void endpointsOpenToAnyoneIgnoreTheAuthorizationHeader(String path, String authorization) {
        var res = RestAssured.given().header("Authorization", authorization).get(path);

        assertThat(res.statusCode()).isEqualTo(200);
    }

    static Stream<Arguments> openEndpoints() {
        List<Arguments> args = new ArrayList<>();
        for (String path : List.of("/q/health/live", "/q/health/ready", "/", "/q/openapi")) {
            for (String auth : List.of("Bearer not-a-known-token-at-all", "Basic b3BzOm9wcw==", "")) {
                args.add(Arguments.of(path, auth));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboardParts")
    void dashboardPartsRefuseAnUnknownTokenEvenWhenReadingIsPublic(String part) {
        var wrong = RestAssured.given().header("Authorization", "Bearer not-a-known-token-at-all").get(part);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Bearer");

        assertThat(RestAssured.given().header("Authorization", "Bearer " + SimulatedTestProfile.VIEWER_TOKEN)
                .get(part).statusCode()).isEqualTo(200);
        assertThat(RestAssured.given().get(part).statusCode()).as("public-read in this profile").isEqualTo(200);
    }

    static Stream<String> dashboardParts() {
        return Stream.of("/parts/overview");
    }

    @org.junit.jupiter.api.Test
    void theSnsEndpointIsNotGuardedByTheBearerToken() {
        var res = RestAssured.given().header("Authorization", "Bearer not-a-known-token-at-all")
                .contentType("text/plain").body("{}").post("/sns");

        assertThat(res.statusCode()).isNotIn(401, 403);
    }
}
