package dev.ecsami.operator.aws;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static dev.ecsami.operator.aws.AsgFixtures.GROUP;
import static dev.ecsami.operator.aws.AsgFixtures.NEW_AMI;
import static dev.ecsami.operator.aws.AsgFixtures.OLD_AMI;
import static dev.ecsami.operator.aws.AsgFixtures.group;
import static dev.ecsami.operator.aws.AsgFixtures.groups;
import static dev.ecsami.operator.aws.AsgFixtures.image;
import static dev.ecsami.operator.aws.AsgFixtures.images;
import static dev.ecsami.operator.aws.AsgFixtures.launchConfiguration;
import static dev.ecsami.operator.aws.AwsStub.asg;
import static dev.ecsami.operator.aws.AwsStub.asgEmpty;
import static dev.ecsami.operator.aws.AwsStub.asgError;
import static dev.ecsami.operator.aws.AwsStub.ec2;
import static dev.ecsami.operator.aws.AwsStub.queryCall;
import static dev.ecsami.operator.aws.AwsStub.queryRequested;
import static dev.ecsami.operator.aws.LaunchConfigurationFixtures.DATA_SNAPSHOT;
import static dev.ecsami.operator.aws.LaunchConfigurationFixtures.OLD_ROOT_SNAPSHOT;
import static dev.ecsami.operator.aws.LaunchConfigurationFixtures.USER_DATA;
import static dev.ecsami.operator.aws.LaunchConfigurationFixtures.configurations;
import static dev.ecsami.operator.aws.LaunchConfigurationFixtures.fullConfiguration;
import static dev.ecsami.operator.aws.LaunchConfigurationFixtures.minimalConfiguration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsLaunchSpecsConfigurationTest {
    private static final String COPY = "ecs-prod-lc-" + NEW_AMI;

    @RegisterExtension
    static WireMockExtension wm = AwsStub.server();

    private final AwsStub stub = new AwsStub(wm);
    private static AwsClients clients;
    private AwsLaunchSpecs specs;

    @BeforeEach
    void setUp() {
        specs = new AwsLaunchSpecs(clients.autoScaling(), clients.ec2(), 2);
        wm.stubFor(queryCall("CreateLaunchConfiguration").willReturn(asgEmpty("CreateLaunchConfiguration")));
        wm.stubFor(queryCall("UpdateAutoScalingGroup").willReturn(asgEmpty("UpdateAutoScalingGroup")));
        wm.stubFor(queryCall("DeleteLaunchConfiguration").willReturn(asgEmpty("DeleteLaunchConfiguration")));
        wm.stubFor(queryCall("DescribeImages").willReturn(ec2("DescribeImages", images(
                image(NEW_AMI, "al2023-ami-ecs-hvm-2023.0.20250110-kernel-6.1-x86_64", "x86_64", "available",
                        "snap-0b0b0b0b0b0b0b0b0"),
                image(OLD_AMI, "al2023-ami-ecs-hvm-2023.0.20241201-kernel-6.1-x86_64", "x86_64", "available",
                        OLD_ROOT_SNAPSHOT)))));
    }

    @BeforeAll
    static void clients() {
        clients = new AwsStub(wm).clients();
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    private void groupLaunchesFrom(String name, String configurationXml) {
        wm.stubFor(queryCall("DescribeAutoScalingGroups").willReturn(asg("DescribeAutoScalingGroups",
                groups(group(GROUP, 1, 4, 2, launchConfiguration(name), "", "")))));
        wm.stubFor(queryCall("DescribeLaunchConfigurations").withRequestBody(containing("LaunchConfigurationNames"))
                .willReturn(asg("DescribeLaunchConfigurations", configurations(null, configurationXml))));
    }

    private void accountHolds(String... configurationXml) {
        wm.stubFor(queryCall("DescribeLaunchConfigurations").withRequestBody(notContaining("LaunchConfigurationNames"))
                .willReturn(asg("DescribeLaunchConfigurations", configurations(null, configurationXml))));
    }

    @Test
    void copyKeepsEveryFieldButTheImageAndTheRootVolumeSnapshot() {
        groupLaunchesFrom("ecs-prod-lc", fullConfiguration("ecs-prod-lc", OLD_AMI));
        accountHolds();

        String ref = specs.rollTo(GROUP, AmiRef.of(NEW_AMI));

        assertThat(ref).isEqualTo(COPY);
        Map<String, String> expected = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("Action", "CreateLaunchConfiguration"), Map.entry("Version", "2011-01-01"),
                Map.entry("LaunchConfigurationName", COPY), Map.entry("ImageId", NEW_AMI),
                Map.entry("KeyName", "ops-key"), Map.entry("SecurityGroups.member.1", "sg-0123456789abcdef0"),
                Map.entry("SecurityGroups.member.2", "sg-0fedcba9876543210"),
                Map.entry("ClassicLinkVPCId", "vpc-0a1b2c3d"),
                Map.entry("ClassicLinkVPCSecurityGroups.member.1", "sg-0c1a551c"),
                Map.entry("UserData", USER_DATA), Map.entry("InstanceType", "m5.large"),
                Map.entry("KernelId", "aki-0123abcd"), Map.entry("RamdiskId", "ari-0123abcd"),
                Map.entry("InstanceMonitoring.Enabled", "true"), Map.entry("SpotPrice", "0.05"),
                Map.entry("IamInstanceProfile", "arn:aws:iam::012345678910:instance-profile/ecsInstanceRole"),
                Map.entry("EbsOptimized", "true"), Map.entry("AssociatePublicIpAddress", "false"),
                Map.entry("PlacementTenancy", "dedicated"), Map.entry("MetadataOptions.HttpTokens", "required"),
                Map.entry("MetadataOptions.HttpPutResponseHopLimit", "2"),
                Map.entry("MetadataOptions.HttpEndpoint", "enabled")));
        expected.putAll(Map.of(
                "BlockDeviceMappings.member.1.DeviceName", "/dev/xvda",
                "BlockDeviceMappings.member.1.Ebs.VolumeSize", "50",
                "BlockDeviceMappings.member.1.Ebs.VolumeType", "gp3",
                "BlockDeviceMappings.member.1.Ebs.DeleteOnTermination", "true",
                "BlockDeviceMappings.member.1.Ebs.Iops", "4000",
                "BlockDeviceMappings.member.1.Ebs.Encrypted", "true",
                "BlockDeviceMappings.member.1.Ebs.Throughput", "250"));
        expected.putAll(Map.of(
                "BlockDeviceMappings.member.2.DeviceName", "/dev/xvdcz",
                "BlockDeviceMappings.member.2.Ebs.VolumeSize", "100",
                "BlockDeviceMappings.member.2.Ebs.VolumeType", "gp3",
                "BlockDeviceMappings.member.2.Ebs.DeleteOnTermination", "true",
                "BlockDeviceMappings.member.2.Ebs.Encrypted", "true",
                "BlockDeviceMappings.member.3.DeviceName", "/dev/sdb",
                "BlockDeviceMappings.member.3.VirtualName", "ephemeral0",
                "BlockDeviceMappings.member.4.DeviceName", "/dev/sdd",
                "BlockDeviceMappings.member.4.Ebs.SnapshotId", DATA_SNAPSHOT,
                "BlockDeviceMappings.member.4.Ebs.VolumeSize", "20"));
        expected.putAll(Map.of(
                "BlockDeviceMappings.member.4.Ebs.VolumeType", "gp2",
                "BlockDeviceMappings.member.5.DeviceName", "/dev/sde",
                "BlockDeviceMappings.member.5.NoDevice", "true"));
        assertThat(stub.queryParams("CreateLaunchConfiguration")).singleElement().isEqualTo(expected);
        assertThat(stub.queryParams("UpdateAutoScalingGroup")).singleElement().isEqualTo(Map.of(
                "Action", "UpdateAutoScalingGroup", "Version", "2011-01-01", "AutoScalingGroupName", GROUP,
                "LaunchConfigurationName", COPY));
        assertThat(stub.queryParams("DescribeImages")).singleElement().satisfies(p -> assertThat(p)
                .containsEntry("Filter.1.Name", "image-id").containsEntry("Filter.1.Value.1", NEW_AMI)
                .containsEntry("Filter.1.Value.2", OLD_AMI).containsEntry("IncludeDeprecated", "true"));
    }

    @Test
    void emptyFieldsOfTheOriginalAreNotSent() {
        groupLaunchesFrom("web-lc", minimalConfiguration("web-lc", OLD_AMI, "2024-01-01T00:00:00Z"));
        accountHolds();

        specs.rollTo(GROUP, AmiRef.of(NEW_AMI));

        assertThat(stub.queryParams("CreateLaunchConfiguration")).singleElement().isEqualTo(Map.of(
                "Action", "CreateLaunchConfiguration", "Version", "2011-01-01",
                "LaunchConfigurationName", "web-lc-" + NEW_AMI, "ImageId", NEW_AMI,
                "SecurityGroups.member.1", "sg-0123456789abcdef0", "InstanceType", "t3.medium",
                "InstanceMonitoring.Enabled", "false", "EbsOptimized", "false"));
        wm.verify(0, queryRequested("DescribeImages"));
    }

    @Test
    void aPreviousAmiSuffixIsReplacedNotAppendedTo() {
        String previous = "ecs-prod-lc-" + OLD_AMI;
        groupLaunchesFrom(previous, minimalConfiguration(previous, OLD_AMI, "2024-01-01T00:00:00Z"));
        accountHolds();

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(COPY);
    }

    @Test
    void aCopyLeftByAnEarlierAttemptIsReused() {
        groupLaunchesFrom("ecs-prod-lc", minimalConfiguration("ecs-prod-lc", OLD_AMI, "2024-01-01T00:00:00Z"));
        accountHolds();
        wm.stubFor(queryCall("CreateLaunchConfiguration").willReturn(asgError(400, "AlreadyExists",
                "Launch Configuration by this name already exists - A launch configuration already exists with the "
                        + "name " + COPY)));

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(COPY);

        assertThat(stub.queryParams("UpdateAutoScalingGroup")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("LaunchConfigurationName", COPY));
    }

    @Test
    void aGroupAlreadyOnTheAmiIsLeftAlone() {
        groupLaunchesFrom(COPY, minimalConfiguration(COPY, NEW_AMI, "2024-01-01T00:00:00Z"));

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(COPY);

        wm.verify(0, queryRequested("CreateLaunchConfiguration"));
        wm.verify(0, queryRequested("UpdateAutoScalingGroup"));
    }

    @Test
    void oldCopiesBeyondTheKeptOnesAreDeletedButNeverThePreviousOne() {
        String previous = "ecs-prod-lc-" + OLD_AMI;
        groupLaunchesFrom(previous, minimalConfiguration(previous, OLD_AMI, "2024-01-01T00:00:00Z"));
        wm.stubFor(queryCall("DescribeLaunchConfigurations").withRequestBody(notContaining("LaunchConfigurationNames"))
                .withRequestBody(notContaining("NextToken")).willReturn(asg("DescribeLaunchConfigurations",
                        configurations("page-2",
                                minimalConfiguration(COPY, NEW_AMI, "2025-01-10T00:00:00Z"),
                                minimalConfiguration("ecs-prod-lc-ami-01111111111111111", "ami-01111111111111111",
                                        "2024-12-01T00:00:00Z"),
                                minimalConfiguration("ecs-prod-lc-ami-02222222222222222", "ami-02222222222222222",
                                        "2024-11-01T00:00:00Z"),
                                minimalConfiguration("ecs-prod-lc-blue", OLD_AMI, "2020-01-01T00:00:00Z")))));
        wm.stubFor(queryCall("DescribeLaunchConfigurations").withRequestBody(containing("NextToken=page-2"))
                .willReturn(asg("DescribeLaunchConfigurations", configurations(null,
                        minimalConfiguration("ecs-prod-lc-ami-03333333", "ami-03333333", "2024-10-01T00:00:00Z"),
                        minimalConfiguration(previous, OLD_AMI, "2024-01-01T00:00:00Z"),
                        minimalConfiguration("other-lc-ami-04444444444444444", "ami-04444444444444444",
                                "2019-01-01T00:00:00Z")))));
        wm.stubFor(queryCall("DeleteLaunchConfiguration").withRequestBody(containing("ami-03333333"))
                .willReturn(asgError(400, "ResourceInUse", "Cannot delete launch configuration "
                        + "ecs-prod-lc-ami-03333333 because it is attached to AutoScalingGroup blue")));

        assertThat(specs.rollTo(GROUP, AmiRef.of(NEW_AMI))).isEqualTo(COPY);

        assertThat(stub.queryParams("DeleteLaunchConfiguration")).extracting(p -> p.get("LaunchConfigurationName"))
                .containsExactly("ecs-prod-lc-ami-02222222222222222", "ecs-prod-lc-ami-03333333");
        assertThat(stub.queryParams("DescribeLaunchConfigurations")).filteredOn(p -> p.containsKey("MaxRecords"))
                .extracting(p -> p.get("NextToken")).containsExactly(null, "page-2");
    }

    @Test
    void rollBackPointsTheGroupAtThePreviousConfiguration() {
        String previous = "ecs-prod-lc-" + OLD_AMI;
        groupLaunchesFrom(COPY, minimalConfiguration(COPY, NEW_AMI, "2025-01-10T00:00:00Z"));
        wm.stubFor(queryCall("DescribeLaunchConfigurations").withRequestBody(containing(OLD_AMI))
                .willReturn(asg("DescribeLaunchConfigurations", configurations(null,
                        minimalConfiguration(previous, OLD_AMI, "2024-01-01T00:00:00Z")))));

        assertThat(specs.rollBack(GROUP, previous)).isEqualTo(previous);

        assertThat(stub.queryParams("UpdateAutoScalingGroup")).singleElement()
                .satisfies(p -> assertThat(p).containsEntry("LaunchConfigurationName", previous));
    }

    @Test
    void rollBackToATemplateRefOfAConfigurationGroupIsRefused() {
        groupLaunchesFrom(COPY, minimalConfiguration(COPY, NEW_AMI, "2025-01-10T00:00:00Z"));

        assertThatThrownBy(() -> specs.rollBack(GROUP, "lt-0123456789abcdef0:3"))
                .isInstanceOfSatisfying(ExternalCallFailed.class, e -> {
                    assertThat(e.code()).isEqualTo("LaunchSpecificationChanged");
                    assertThat(e.retryable()).isFalse();
                });
        wm.verify(0, queryRequested("UpdateAutoScalingGroup"));
    }

    @Test
    void baseNamesDropOnlyATrailingAmiSuffix() {
        assertThat(LaunchConfigurationRoller.baseName("web-ami-0123abcd")).isEqualTo("web");
        assertThat(LaunchConfigurationRoller.baseName("web-ami-0123456789abcdef0")).isEqualTo("web");
        assertThat(LaunchConfigurationRoller.baseName("ami-builder-web")).isEqualTo("ami-builder-web");
        assertThat(LaunchConfigurationRoller.baseName("web-ami-xyz")).isEqualTo("web-ami-xyz");
        assertThat(List.of(LaunchConfigurationRoller.nameFor("web", NEW_AMI))).containsExactly("web-" + NEW_AMI);
    }
}
