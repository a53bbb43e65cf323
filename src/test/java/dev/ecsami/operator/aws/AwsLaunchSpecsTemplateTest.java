package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static dev.ecsami.operator.aws.AsgFixtures.GROUP;
import static dev.ecsami.operator.aws.AsgFixtures.NEW_AMI;
import static dev.ecsami.operator.aws.AsgFixtures.OLD_AMI;
import static dev.ecsami.operator.aws.AsgFixtures.TEMPLATE;
import static dev.ecsami.operator.aws.AsgFixtures.group;
import static dev.ecsami.operator.aws.AsgFixtures.groups;
import static dev.ecsami.operator.aws.AsgFixtures.image;
import static dev.ecsami.operator.aws.AsgFixtures.images;
import static dev.ecsami.operator.aws.AsgFixtures.launchTemplate;
import static dev.ecsami.operator.aws.AsgFixtures.members;
import static dev.ecsami.operator.aws.AsgFixtures.mixedInstancesPolicy;
import static dev.ecsami.operator.aws.AsgFixtures.rootVolume;
import static dev.ecsami.operator.aws.AsgFixtures.templateVersion;
import static dev.ecsami.operator.aws.AsgFixtures.templateVersions;
import static dev.ecsami.operator.aws.AwsStub.asg;
import static dev.ecsami.operator.aws.AwsStub.asgEmpty;
import static dev.ecsami.operator.aws.AwsStub.ec2;
import static dev.ecsami.operator.aws.AwsStub.queryCall;
import static dev.ecsami.operator.aws.AwsStub.queryRequested;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsLaunchSpecsTemplateTest {
    private static final String CREATED_DESCRIPTION = "ecs-ami-operator " + NEW_AMI + " from 7";

    @RegisterExtension
    static WireMockExtension wm = AwsStub.server();

    private static AwsClients clients;
    private final AwsStub stub = new AwsStub(wm);
    private AwsLaunchSpecs specs;

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
        specs = new AwsLaunchSpecs(clients.autoScaling(), clients.ec2(), 2);
        wm.stubFor(queryCall("UpdateAutoScalingGroup").willReturn(asgEmpty("UpdateAutoScalingGroup")));
        wm.stubFor(queryCall("ModifyLaunchTemplate").willReturn(ec2("ModifyLaunchTemplate", "<launchTemplate>"
                + "<launchTemplateId>" + TEMPLATE + "</launchTemplateId><defaultVersionNumber>8</defaultVersionNumber>"
                + "<latestVersionNumber>8</latestVersionNumber></launchTemplate>")));
        wm.stubFor(queryCall("CreateLaunchTemplateVersion").willReturn(ec2("CreateLaunchTemplateVersion",
                "<launchTemplateVersion>" + templateVersion(8, false, NEW_AMI, CREATED_DESCRIPTION, "")
                        + "</launchTemplateVersion>")));
        noEarlierVersionFor(NEW_AMI);
    }

    private void groupUses(String launchSpecXml) {
        wm.stubFor(queryCall("DescribeAutoScalingGroups").willReturn(asg("DescribeAutoScalingGroups",
                groups(group(GROUP, 1, 4, 2, launchSpecXml, "", "")))));
    }

    private void currentVersionIs(long number, String imageId, String extraData) {
        wm.stubFor(queryCall("DescribeLaunchTemplateVersions").withRequestBody(containing("LaunchTemplateVersion.1"))
                .willReturn(ec2("DescribeLaunchTemplateVersions", templateVersions(null,
                        templateVersion(number, true, imageId, "hand made", extraData)))));
    }

    private void noEarlierVersionFor(String imageId) {
        wm.stubFor(queryCall("DescribeLaunchTemplateVersions").withRequestBody(containing("Filter.1.Name=image-id"))
                .willReturn(ec2("DescribeLaunchTemplateVersions", "<launchTemplateVersionSet/>")));
    }

    @Test
    void defaultFollowerGetsANewVersionFromItsCurrentOneAndTheDefaultMovesToIt() {
        groupUses(launchTemplate("$Default"));
        currentVersionIs(7, OLD_AMI, "");

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(TEMPLATE + ":8");

        assertThat(stub.queryParams("DescribeLaunchTemplateVersions")).filteredOn(p -> p.containsKey("Filter.1.Name"))
                .singleElement().isEqualTo(Map.of("Action", "DescribeLaunchTemplateVersions", "Version",
                        "2016-11-15", "LaunchTemplateId", TEMPLATE, "Filter.1.Name", "image-id",
                        "Filter.1.Value.1", NEW_AMI, "MaxResults", "200"));
        assertThat(stub.queryParams("CreateLaunchTemplateVersion")).singleElement().isEqualTo(Map.of(
                "Action", "CreateLaunchTemplateVersion", "Version", "2016-11-15", "LaunchTemplateId", TEMPLATE,
                "SourceVersion", "7", "VersionDescription", CREATED_DESCRIPTION,
                "ClientToken", TEMPLATE + "-7-" + NEW_AMI, "LaunchTemplateData.ImageId", NEW_AMI));
        // the SDK adds an idempotency token of its own to ModifyLaunchTemplate
        assertThat(stub.queryParams("ModifyLaunchTemplate")).singleElement().satisfies(p -> assertThat(p)
                .containsOnlyKeys("Action", "Version", "LaunchTemplateId", "SetDefaultVersion", "ClientToken")
                .containsEntry("LaunchTemplateId", TEMPLATE).containsEntry("SetDefaultVersion", "8"));
        wm.verify(0, queryRequested("UpdateAutoScalingGroup"));
    }

    @Test
    void latestFollowerNeedsOnlyTheNewVersion() {
        groupUses(launchTemplate("$Latest"));
        currentVersionIs(7, OLD_AMI, "");

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(TEMPLATE + ":8");

        wm.verify(1, queryRequested("CreateLaunchTemplateVersion"));
        wm.verify(0, queryRequested("ModifyLaunchTemplate"));
        wm.verify(0, queryRequested("UpdateAutoScalingGroup"));
    }

    @Test
    void pinnedGroupIsPointedAtTheNewVersion() {
        groupUses(launchTemplate("7"));
        currentVersionIs(7, OLD_AMI, "");

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(TEMPLATE + ":8");

        assertThat(stub.queryParams("UpdateAutoScalingGroup")).singleElement().isEqualTo(Map.of(
                "Action", "UpdateAutoScalingGroup", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                "LaunchTemplate.LaunchTemplateId", TEMPLATE, "LaunchTemplate.Version", "8"));
        wm.verify(0, queryRequested("ModifyLaunchTemplate"));
    }

    @Test
    void mixedInstancesPolicyGetsTheNewVersionAndKeepsItsOverrides() {
        groupUses(mixedInstancesPolicy("7", members("<InstanceType>m5.large</InstanceType><WeightedCapacity>2"
                + "</WeightedCapacity>", "<InstanceType>m6i.large</InstanceType>")));
        currentVersionIs(7, OLD_AMI, "");

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(TEMPLATE + ":8");

        assertThat(stub.queryParams("UpdateAutoScalingGroup")).singleElement().isEqualTo(Map.of(
                "Action", "UpdateAutoScalingGroup", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.LaunchTemplateId", TEMPLATE,
                "MixedInstancesPolicy.LaunchTemplate.LaunchTemplateSpecification.Version", "8",
                "MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.InstanceType", "m5.large",
                "MixedInstancesPolicy.LaunchTemplate.Overrides.member.1.WeightedCapacity", "2",
                "MixedInstancesPolicy.LaunchTemplate.Overrides.member.2.InstanceType", "m6i.large"));
    }

    @Test
    void mixedInstancesPolicyFollowingTheDefaultMovesTheDefault() {
        groupUses(mixedInstancesPolicy("$Default", members("<InstanceType>m5.large</InstanceType>")));
        currentVersionIs(7, OLD_AMI, "");

        specs.rollTo(GROUP, AmiRef.of(NEW_AMI));

        wm.verify(1, queryRequested("ModifyLaunchTemplate"));
        wm.verify(0, queryRequested("UpdateAutoScalingGroup"));
    }

    @Test
    void aVersionLeftByAnEarlierAttemptIsFoundByItsDescriptionAndReused() {
        groupUses(launchTemplate("$Default"));
        currentVersionIs(7, OLD_AMI, "");
        wm.stubFor(queryCall("DescribeLaunchTemplateVersions").withRequestBody(containing("Filter.1.Name=image-id"))
                .willReturn(ec2("DescribeLaunchTemplateVersions", templateVersions(null,
                        templateVersion(5, false, NEW_AMI, "ecs-ami-operator " + NEW_AMI + " from 4", ""),
                        templateVersion(6, false, NEW_AMI, "made by hand", ""),
                        templateVersion(9, false, NEW_AMI, CREATED_DESCRIPTION, "")))));

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(TEMPLATE + ":9");

        wm.verify(0, queryRequested("CreateLaunchTemplateVersion"));
        assertThat(stub.queryParams("ModifyLaunchTemplate")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("SetDefaultVersion", "9"));
    }

    @Test
    void versionsWithTheSameAmiButAnotherOriginAreNotReused() {
        groupUses(launchTemplate("$Latest"));
        currentVersionIs(7, OLD_AMI, "");
        wm.stubFor(queryCall("DescribeLaunchTemplateVersions").withRequestBody(containing("Filter.1.Name=image-id"))
                .willReturn(ec2("DescribeLaunchTemplateVersions", templateVersions(null,
                        templateVersion(5, false, NEW_AMI, "ecs-ami-operator " + NEW_AMI + " from 4", "")))));

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(TEMPLATE + ":8");

        wm.verify(1, queryRequested("CreateLaunchTemplateVersion"));
    }

    @Test
    void groupAlreadyOnTheAmiIsLeftAlone() {
        groupUses(launchTemplate("$Default"));
        currentVersionIs(8, NEW_AMI, "");

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(TEMPLATE + ":8");

        wm.verify(0, queryRequested("CreateLaunchTemplateVersion"));
        wm.verify(0, queryRequested("ModifyLaunchTemplate"));
    }

    @Test
    void templateResolvingItsImageFromSsmIsRefusedBeforeAnyChange() {
        groupUses(launchTemplate("$Default"));
        currentVersionIs(7, "resolve:ssm:/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id", "");

        assertThatThrownBy(() -> specs.rollTo(GROUP, AmiRef.of(NEW_AMI)))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.operation()).isEqualTo("CreateLaunchTemplateVersion");
                    assertThat(e.code()).isEqualTo("ImageResolvedAtLaunch");
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("resolve:ssm:/aws/service/ecs/optimized-ami");
                });
        wm.verify(0, queryRequested("CreateLaunchTemplateVersion"));
    }

    @Test
    void overridesWithTheirOwnAmiAreRefusedBeforeAnyChange() {
        groupUses(mixedInstancesPolicy("7", members("<InstanceType>m5.large</InstanceType>",
                "<InstanceType>m7g.large</InstanceType><ImageId>ami-0ccccccccccccccccc</ImageId>")));
        currentVersionIs(7, OLD_AMI, "");

        assertThatThrownBy(() -> specs.rollTo(GROUP, AmiRef.of(NEW_AMI)))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.code()).isEqualTo("UnsupportedLaunchSpecification");
                    assertThat(e.getMessage()).contains("m7g.large");
                });
        wm.verify(0, queryRequested("CreateLaunchTemplateVersion"));
        wm.verify(0, queryRequested("UpdateAutoScalingGroup"));
    }

    @Test
    void rootVolumeSnapshotOfTheOldAmiIsNotCarriedIntoTheNewVersion() {
        groupUses(launchTemplate("$Latest"));
        currentVersionIs(7, OLD_AMI, "<blockDeviceMappingSet>" + rootVolume("/dev/xvda", "snap-0a0a0a0a0a0a0a0a0", 60)
                + rootVolume("/dev/xvdb", "snap-0d0d0d0d0d0d0d0d0", 100) + "</blockDeviceMappingSet>");
        wm.stubFor(queryCall("DescribeImages").willReturn(ec2("DescribeImages", images(
                image(NEW_AMI, "al2023-ami-ecs-hvm-2023.0.20250110-kernel-6.1-x86_64", "x86_64", "available",
                        "snap-0b0b0b0b0b0b0b0b0")))));

        specs.rollTo(GROUP, AmiRef.of(NEW_AMI));

        Map<String, String> created = stub.queryParams("CreateLaunchTemplateVersion").get(0);
        assertThat(created).containsEntry("LaunchTemplateData.ImageId", NEW_AMI)
                .containsEntry("LaunchTemplateData.BlockDeviceMapping.1.DeviceName", "/dev/xvda")
                .containsEntry("LaunchTemplateData.BlockDeviceMapping.1.Ebs.VolumeSize", "60")
                .containsEntry("LaunchTemplateData.BlockDeviceMapping.1.Ebs.Encrypted", "true")
                .doesNotContainKey("LaunchTemplateData.BlockDeviceMapping.1.Ebs.SnapshotId")
                .containsEntry("LaunchTemplateData.BlockDeviceMapping.2.Ebs.SnapshotId", "snap-0d0d0d0d0d0d0d0d0");
    }

    @Test
    void rollBackOfADefaultFollowerMovesTheDefaultBack() {
        groupUses(launchTemplate("$Default"));
        currentVersionIs(8, NEW_AMI, "");

        assertThat(specs.rollBack(GROUP, TEMPLATE + ":7")).isEqualTo(TEMPLATE + ":7");

        assertThat(stub.queryParams("ModifyLaunchTemplate")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("SetDefaultVersion", "7"));
    }

    @Test
    void rollBackOfAPinnedGroupPointsItAtTheOldVersion() {
        groupUses(launchTemplate("8"));
        currentVersionIs(8, NEW_AMI, "");

        specs.rollBack(GROUP, TEMPLATE + ":7");

        assertThat(stub.queryParams("UpdateAutoScalingGroup")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("LaunchTemplate.Version", "7"));
    }

    @Test
    void rollBackToAnotherTemplateIsRefused() {
        groupUses(launchTemplate("8"));
        currentVersionIs(8, NEW_AMI, "");

        assertThatThrownBy(() -> specs.rollBack(GROUP, "lt-0fffffffffffffff0:3"))
                .isInstanceOfSatisfying(ExternalCallFailed.class,
                        e -> assertThat(e.code()).isEqualTo("LaunchSpecificationChanged"));
        wm.verify(0, queryRequested("UpdateAutoScalingGroup"));
    }
}
