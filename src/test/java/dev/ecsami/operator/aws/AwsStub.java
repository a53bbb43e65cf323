package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A WireMock stand-in for the AWS endpoints on 127.0.0.1, speaking each service's wire protocol:
 * awsJson1_1 for ECS and SSM (operation in X-Amz-Target), Query with XML answers for Auto Scaling,
 * and the EC2 flavour of Query.
 */
final class AwsStub {
    static final String ECS_TARGET = "AmazonEC2ContainerServiceV20141113.";
    static final String SSM_TARGET = "AmazonSSM.";
    static final String ASG_NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private final WireMockExtension wm;

    AwsStub(WireMockExtension wm) {
        this.wm = wm;
    }

    static AwsEndpoint server() {
        return new AwsEndpoint();
    }

    AwsClients clients() {
        return clients(TestConfig.against(wm.baseUrl()));
    }

    AwsClients clients(TestConfig config) {
        return new AwsClients(config,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret")));
    }

    // ---- request matchers

    static MappingBuilder ecsCall(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(ECS_TARGET + operation));
    }

    static MappingBuilder ssmCall(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(SSM_TARGET + operation));
    }

    /** Auto Scaling and EC2: form-encoded {@code Action=...&Version=...}. */
    static MappingBuilder queryCall(String action) {
        return post(urlEqualTo("/")).withRequestBody(matching("(.*&)?Action=" + action + "(&.*)?"));
    }

    static RequestPatternBuilder ecsRequested(String operation) {
        return postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(ECS_TARGET + operation));
    }

    static RequestPatternBuilder queryRequested(String action) {
        return postRequestedFor(urlEqualTo("/")).withRequestBody(matching("(.*&)?Action=" + action + "(&.*)?"));
    }

    // ---- responses

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    static ResponseDefinitionBuilder jsonError(int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }

    static ResponseDefinitionBuilder asg(String action, String result) {
        return xml("<" + action + "Response xmlns=\"" + ASG_NS + "\"><" + action + "Result>" + result + "</"
                + action + "Result><ResponseMetadata><RequestId>7c6e177f-f082-11e1-ac58-3714bEXAMPLE</RequestId>"
                + "</ResponseMetadata></" + action + "Response>");
    }

    static ResponseDefinitionBuilder asgEmpty(String action) {
        return xml("<" + action + "Response xmlns=\"" + ASG_NS + "\"><ResponseMetadata><RequestId>"
                + "7c6e177f-f082-11e1-ac58-3714bEXAMPLE</RequestId></ResponseMetadata></" + action + "Response>");
    }

    static ResponseDefinitionBuilder asgError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
                "<ErrorResponse xmlns=\"" + ASG_NS + "\"><Error><Type>Sender</Type><Code>" + code + "</Code><Message>"
                        + message + "</Message></Error><RequestId>a1b2c3d4-EXAMPLE</RequestId></ErrorResponse>");
    }

    static ResponseDefinitionBuilder ec2(String action, String body) {
        return xml("<" + action + "Response xmlns=\"" + EC2_NS + "\"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE"
                + "</requestId>" + body + "</" + action + "Response>");
    }

    static ResponseDefinitionBuilder ec2Error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>" + code + "</Code><Message>"
                        + message + "</Message></Error></Errors><RequestID>ea966190-f9aa-478e-9ede-EXAMPLE"
                        + "</RequestID></Response>");
    }

    private static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    // ---- inspecting what was sent

    /** The form parameters of every request with this Query action, in order. */
    List<Map<String, String>> queryParams(String action) {
        return wm.findAll(queryRequested(action)).stream().map(AwsStub::form).toList();
    }

    List<LoggedRequest> ecsRequests(String operation) {
        return wm.findAll(ecsRequested(operation));
    }

    static Map<String, String> form(LoggedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
