package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static dev.ecsami.operator.aws.AsgFixtures.NEW_AMI;
import static dev.ecsami.operator.aws.AsgFixtures.OLD_AMI;
import static dev.ecsami.operator.aws.AsgFixtures.image;
import static dev.ecsami.operator.aws.AsgFixtures.images;
import static dev.ecsami.operator.aws.AwsStub.ec2;
import static dev.ecsami.operator.aws.AwsStub.ec2Error;
import static dev.ecsami.operator.aws.AwsStub.json;
import static dev.ecsami.operator.aws.AwsStub.jsonError;
import static dev.ecsami.operator.aws.AwsStub.queryCall;
import static dev.ecsami.operator.aws.AwsStub.ssmCall;
import static dev.ecsami.operator.aws.EcsFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SsmAmiCatalogTest {
    private static final String AL2023 = "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended";
    private static final String NEW_NAME = "al2023-ami-ecs-hvm-2023.0.20250110-kernel-6.1-x86_64";
    private static final String ARM_AMI = "ami-0cccccccccccccccc";

    @RegisterExtension
    static WireMockExtension wm = AwsStub.server();

    private static AwsClients clients;
    private SsmAmiCatalog catalog;

    @BeforeAll
    static void clients() {
        clients = new AwsStub(wm).clients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @BeforeEach
    void setUp() {
        catalog = new SsmAmiCatalog(clients.ssm(), clients.ec2(), new com.fasterxml.jackson.databind.ObjectMapper());
    }

    private static void parameter(String name, String value) {
        wm.stubFor(ssmCall("GetParameter").withRequestBody(containing(name)).willReturn(json(EcsFixtures.json(map(
                "Parameter", map("Name", name, "Type", "String", "Value", value, "Version", 95,
                        "LastModifiedDate", 1.736E9, "ARN", "arn:aws:ssm:us-east-1::parameter" + name,
                        "DataType", "text"))))));
    }

    private static void imageIs(String id, String name, String architecture, String state) {
        wm.stubFor(queryCall("DescribeImages").withRequestBody(containing("ImageId.1=" + id))
                .willReturn(ec2("DescribeImages", images(image(id, name, architecture, state, "snap-0123")))));
    }

    private static void imageMissing(String id) {
        wm.stubFor(queryCall("DescribeImages").withRequestBody(containing("ImageId.1=" + id))
                .willReturn(ec2Error(400, "InvalidAMIID.NotFound", "The image id '[" + id + "]' does not exist")));
    }

    @Test
    void ecsOptimizedFamilyResolvesThroughItsRecommendedJsonParameter() {
        parameter(AL2023, "{\"ecs_agent_version\":\"1.89.2\",\"ecs_runtime_version\":\"Docker version 25.0.8\","
                + "\"image_id\":\"" + NEW_AMI + "\",\"image_name\":\"" + NEW_NAME + "\",\"image_version\":"
                + "\"2023.0.20250110\",\"os\":\"Amazon Linux 2023\",\"schema_version\":1,\"source_image_name\":"
                + "\"al2023-ami-minimal-2023.6.20250107.0-kernel-6.1-x86_64\"}");

        AmiRef ami = catalog.resolve(AmiSource.parse("amazon-linux-2023"));

        assertThat(ami).isEqualTo(new AmiRef(NEW_AMI, NEW_NAME));
        wm.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withRequestBody(equalToJson("{\"Name\":\"" + AL2023 + "\"}")));
    }

    @Test
    void bottlerocketParameterHoldsABareImageId() {
        parameter("/aws/service/bottlerocket/aws-ecs-2/arm64/latest/image_id", ARM_AMI);

        assertThat(catalog.resolve(AmiSource.parse("bottlerocket/arm64"))).isEqualTo(AmiRef.of(ARM_AMI));
    }

    @Test
    void anyParameterMayHoldJsonOrABareId() {
        parameter("/golden/ecs/json", "{\"image_id\":\"" + NEW_AMI + "\"}");
        parameter("/golden/ecs/plain", " " + OLD_AMI + "\n");

        assertThat(catalog.resolve(AmiSource.parse("ssm:/golden/ecs/json"))).isEqualTo(AmiRef.of(NEW_AMI));
        assertThat(catalog.resolve(AmiSource.parse("ssm:/golden/ecs/plain"))).isEqualTo(AmiRef.of(OLD_AMI));
    }

    @Test
    void parameterWithoutAnAmiIdIsRejectedNamingIt() {
        parameter("/golden/ecs/broken", "{\"image\":\"latest\"}");

        assertThatThrownBy(() -> catalog.resolve(AmiSource.parse("ssm:/golden/ecs/broken")))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.code()).isEqualTo("UnexpectedParameterValue");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("/golden/ecs/broken");
                });
    }

    @Test
    void missingParameterIsNotRetryable() {
        wm.stubFor(ssmCall("GetParameter").willReturn(jsonError(400, "ParameterNotFound", "")));

        assertThatThrownBy(() -> catalog.resolve(AmiSource.parse("ssm:/nope")))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.operation()).isEqualTo("GetParameter");
                    assertThat(e.code()).isEqualTo("ParameterNotFound");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void twentyFiveParametersAreReadInThreeGetParametersCallsAndAnInvalidNameIsReportedOnItsOwn() {
        List<Map<String, Object>> found = new ArrayList<>();
        List<AmiSource> sources = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String name = "/golden/ecs/p%02d".formatted(i);
            sources.add(AmiSource.parse("ssm:" + name));
            if (i != 13) {
                found.add(map("Name", name, "Type", "String", "Value", "{\"image_id\":\"" + NEW_AMI + "\"}",
                        "Version", 1, "ARN", "arn:aws:ssm:us-east-1:1:parameter" + name, "DataType", "text"));
            }
        }
        wm.stubFor(ssmCall("GetParameters").willReturn(json(EcsFixtures.json(map("Parameters", found,
                "InvalidParameters", List.of("/golden/ecs/p13"))))));

        Map<AmiSource, AmiCatalog.Resolution> resolved = catalog.resolveAll(sources);

        wm.verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target",
                equalTo("AmazonSSM.GetParameters")));
        assertThat(wm.findAll(postRequestedFor(urlEqualTo("/")))).allSatisfy(r ->
                assertThat(r.getBodyAsString().split("/golden/ecs/p", -1).length - 1).isLessThanOrEqualTo(10));
        assertThat(resolved).hasSize(25);
        assertThat(resolved.get(sources.get(13))).isInstanceOfSatisfying(AmiCatalog.Resolution.Unresolved.class,
                u -> {
                    assertThat(u.failure().code()).isEqualTo("ParameterNotFound");
                    assertThat(u.failure().getMessage()).contains("/golden/ecs/p13");
                });
        assertThat(resolved.get(sources.get(24))).isEqualTo(new AmiCatalog.Resolution.Resolved(AmiRef.of(NEW_AMI)));
        assertThat(resolved.values()).filteredOn(r -> r instanceof AmiCatalog.Resolution.Resolved).hasSize(24);
    }

    @Test
    void aFailedGetParametersCallFailsEveryNameOfItsBatch() {
        wm.stubFor(ssmCall("GetParameters").willReturn(jsonError(400, "AccessDeniedException", "no")));

        Map<AmiSource, AmiCatalog.Resolution> resolved = catalog.resolveAll(List.of(AmiSource.parse("ssm:/a"),
                AmiSource.parse("ssm:/b")));

        assertThat(resolved.values()).hasSize(2).allSatisfy(r -> assertThat(r)
                .isInstanceOfSatisfying(AmiCatalog.Resolution.Unresolved.class,
                        u -> assertThat(u.failure().code()).isEqualTo("AccessDeniedException")));
    }

    @Test
    void fixedIdIsLookedUpForItsName() {
        imageIs(NEW_AMI, NEW_NAME, "x86_64", "available");

        assertThat(catalog.resolve(AmiSource.parse(NEW_AMI))).isEqualTo(new AmiRef(NEW_AMI, NEW_NAME));
        assertThat(new AwsStub(wm).queryParams("DescribeImages")).singleElement().isEqualTo(Map.of(
                "Action", "DescribeImages", "Version", "2016-11-15", "ImageId.1", NEW_AMI,
                "IncludeDeprecated", "true"));
    }

    @Test
    void fixedIdThatDoesNotExistIsNotFound() {
        imageMissing(NEW_AMI);

        assertThatThrownBy(() -> catalog.resolve(AmiSource.parse(NEW_AMI)))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> assertThat(e.code()).isEqualTo("NotFound"));
    }

    @Test
    void describeReportsArchitectureAndAvailability() {
        imageIs(NEW_AMI, NEW_NAME, "x86_64", "available");
        imageIs(ARM_AMI, "bottlerocket-aws-ecs-2-aarch64-v1.30.0", "arm64", "pending");
        imageMissing(OLD_AMI);

        assertThat(catalog.describe(NEW_AMI)).contains(new AmiCatalog.Image(new AmiRef(NEW_AMI, NEW_NAME), "x86_64",
                true));
        assertThat(catalog.describe(ARM_AMI)).hasValueSatisfying(i -> {
            assertThat(i.architecture()).isEqualTo("arm64");
            assertThat(i.available()).isFalse();
        });
        assertThat(catalog.describe(OLD_AMI)).isEmpty();
    }

    @Test
    void replacementOfAnotherArchitectureIsRefusedWithBothAmisNamed() {
        imageIs(OLD_AMI, "al2023-ami-ecs-hvm-2023.0.20241201-kernel-6.1-x86_64", "x86_64", "available");
        imageIs(ARM_AMI, "al2023-ami-ecs-hvm-2023.0.20250110-kernel-6.1-arm64", "arm64", "available");

        ReplacementCheck check = catalog.verifyReplacement(OLD_AMI, ARM_AMI);

        assertThat(check).isInstanceOf(ReplacementCheck.ArchitectureMismatch.class);
        assertThat(check.acceptable()).isFalse();
        assertThat(check.message()).isEqualTo("AMI " + ARM_AMI + " is arm64 but the group runs x86_64 (" + OLD_AMI
                + ")");
    }

    @Test
    void replacementOfTheSameArchitectureIsAccepted() {
        imageIs(OLD_AMI, "al2023-ami-ecs-hvm-2023.0.20241201-kernel-6.1-x86_64", "x86_64", "available");
        imageIs(NEW_AMI, NEW_NAME, "x86_64", "available");

        assertThat(catalog.verifyReplacement(OLD_AMI, NEW_AMI)).isInstanceOf(ReplacementCheck.Compatible.class)
                .satisfies(c -> assertThat(c.acceptable()).isTrue());
    }

    @Test
    void replacementThatDoesNotExistOrIsNotAvailableIsRefused() {
        imageMissing(NEW_AMI);
        imageIs(ARM_AMI, "still-building", "arm64", "pending");

        assertThat(catalog.verifyReplacement(OLD_AMI, NEW_AMI)).isEqualTo(new ReplacementCheck.NotFound(NEW_AMI));
        ReplacementCheck pending = catalog.verifyReplacement(OLD_AMI, ARM_AMI);
        assertThat(pending).isEqualTo(new ReplacementCheck.NotAvailable(ARM_AMI, "pending"));
        assertThat(pending.message()).isEqualTo("AMI " + ARM_AMI + " is pending, not available");
    }

    @Test
    void replacementOfAnAmiThatIsGoneOrChosenAtLaunchCannotBeComparedButIsAccepted() {
        imageMissing(OLD_AMI);
        imageIs(NEW_AMI, NEW_NAME, "x86_64", "available");

        ReplacementCheck gone = catalog.verifyReplacement(OLD_AMI, NEW_AMI);
        ReplacementCheck chosenAtLaunch = catalog.verifyReplacement("", NEW_AMI);

        assertThat(gone).isInstanceOf(ReplacementCheck.CurrentUnknown.class);
        assertThat(gone.acceptable()).isTrue();
        assertThat(gone.message()).contains(OLD_AMI + " is no longer visible");
        assertThat(chosenAtLaunch.message()).contains("is chosen at launch");
    }
}
