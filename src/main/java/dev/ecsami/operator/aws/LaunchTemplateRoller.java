package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.ExternalCallFailed;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateEbsBlockDeviceRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;

import java.util.List;
import java.util.Optional;

/**
 * Rolls a group that launches from a launch template: a new template version made from the
 * group's current one with only the AMI changed, then the group (or the template's default)
 * pointed at it. Every step is found again on a retry instead of being repeated.
 */
final class LaunchTemplateRoller {
    private static final Logger LOG = Logger.getLogger(LaunchTemplateRoller.class);
    static final String DESCRIPTION_PREFIX = "ecs-ami-operator ";

    private final AutoScalingClient asg;
    private final Ec2Client ec2;

    LaunchTemplateRoller(AutoScalingClient asg, Ec2Client ec2) {
        this.asg = asg;
        this.ec2 = ec2;
    }

    String roll(AutoScalingGroup group, LaunchSpec.Template current, String imageId) {
        refuseUnsupported(group, current);
        if (imageId.equals(current.imageId())) {
            return current.ref();
        }
        long version = existing(current, imageId).orElseGet(() -> create(current, imageId));
        pointAt(group, current, version);
        return LaunchSpec.Template.ref(current.templateId(), version);
    }

    /** Points the group back at a version it used before. */
    void pointAt(AutoScalingGroup group, LaunchSpec.Template current, long version) {
        String id = current.templateId();
        if (current.followsDefault()) {
            // the default version is the template's, shared by everything that follows it
            AwsCalls.call("ModifyLaunchTemplate", () -> ec2.modifyLaunchTemplate(r -> r.launchTemplateId(id)
                    .defaultVersion(Long.toString(version))));
        } else if (!current.followsLatest()) {
            LaunchTemplateSpecification spec = LaunchTemplateSpecification.builder().launchTemplateId(id)
                    .version(Long.toString(version)).build();
            AwsCalls.call("UpdateAutoScalingGroup", () -> asg.updateAutoScalingGroup(r -> {
                r.autoScalingGroupName(group.autoScalingGroupName());
                if (current.mixed()) {
                    r.mixedInstancesPolicy(withTemplate(group.mixedInstancesPolicy(), spec));
                } else {
                    r.launchTemplate(spec);
                }
            }));
        }
    }

    /** Same template, new specification; overrides (instance types, weights) stay as they are. */
    private static MixedInstancesPolicy withTemplate(MixedInstancesPolicy policy, LaunchTemplateSpecification spec) {
        return MixedInstancesPolicy.builder().launchTemplate(lt -> {
            lt.launchTemplateSpecification(spec);
            if (policy.launchTemplate().hasOverrides() && !policy.launchTemplate().overrides().isEmpty()) {
                lt.overrides(policy.launchTemplate().overrides());
            }
        }).build();
    }

    static String description(String imageId, long sourceVersion) {
        return DESCRIPTION_PREFIX + imageId + " from " + sourceVersion;
    }

    /** A version made by an earlier attempt: same AMI, same source version, recognised by its description. */
    private Optional<Long> existing(LaunchSpec.Template current, String imageId) {
        String wanted = description(imageId, current.versionNumber());
        String token = null;
        do {
            String page = token;
            DescribeLaunchTemplateVersionsResponse found = AwsCalls.call("DescribeLaunchTemplateVersions",
                    () -> ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(current.templateId())
                            .filters(Filter.builder().name("image-id").values(imageId).build())
                            .maxResults(200).nextToken(page)));
            Optional<Long> match = found.launchTemplateVersions().stream()
                    .filter(v -> wanted.equals(v.versionDescription())).map(LaunchTemplateVersion::versionNumber)
                    .max(Long::compare);
            if (match.isPresent()) {
                return match;
            }
            token = found.nextToken();
        } while (token != null);
        return Optional.empty();
    }

    private long create(LaunchSpec.Template current, String imageId) {
        RequestLaunchTemplateData.Builder data = RequestLaunchTemplateData.builder().imageId(imageId);
        List<LaunchTemplateBlockDeviceMapping> mappings = current.version().launchTemplateData() == null ? List.of()
                : current.version().launchTemplateData().blockDeviceMappings();
        if (mappings.stream().anyMatch(m -> m.ebs() != null && m.ebs().snapshotId() != null)) {
            AmiSnapshots snapshots = AmiSnapshots.describe(ec2, current.imageId(), imageId);
            if (mappings.stream().anyMatch(m -> m.ebs() != null
                    && snapshots.amiBound(m.deviceName(), m.ebs().snapshotId()))) {
                // the whole list replaces the source's, so every mapping is restated
                data.blockDeviceMappings(mappings.stream().map(m -> request(m, snapshots)).toList());
            }
        }
        String templateId = current.templateId();
        String source = Long.toString(current.versionNumber());
        CreateLaunchTemplateVersionResponse created = AwsCalls.call("CreateLaunchTemplateVersion",
                () -> ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(templateId).sourceVersion(source)
                        .versionDescription(description(imageId, current.versionNumber()))
                        .clientToken(templateId + "-" + source + "-" + imageId)
                        .launchTemplateData(data.build())));
        if (created.warning() != null && created.warning().hasErrors()) {
            LOG.warnf("launch template %s version %d was created with warnings: %s", templateId,
                    created.launchTemplateVersion().versionNumber(), created.warning().errors());
        }
        return created.launchTemplateVersion().versionNumber();
    }

    private static LaunchTemplateBlockDeviceMappingRequest request(LaunchTemplateBlockDeviceMapping m,
                                                                   AmiSnapshots snapshots) {
        LaunchTemplateBlockDeviceMappingRequest.Builder b = LaunchTemplateBlockDeviceMappingRequest.builder()
                .deviceName(m.deviceName()).virtualName(m.virtualName()).noDevice(m.noDevice());
        if (m.ebs() != null) {
            var e = m.ebs();
            boolean drop = snapshots.amiBound(m.deviceName(), e.snapshotId());
            b.ebs(LaunchTemplateEbsBlockDeviceRequest.builder().encrypted(e.encrypted())
                    .deleteOnTermination(e.deleteOnTermination()).iops(e.iops()).kmsKeyId(e.kmsKeyId())
                    .snapshotId(drop ? null : e.snapshotId()).volumeSize(e.volumeSize())
                    .volumeType(e.volumeTypeAsString()).throughput(e.throughput())
                    .volumeInitializationRate(e.volumeInitializationRate()).build());
        }
        return b.build();
    }

    /**
     * The template's AMI must be a plain id, and a mixed policy's overrides must not launch from
     * AMIs or templates of their own: those instances would keep the old AMI and be replaced forever.
     */
    private static void refuseUnsupported(AutoScalingGroup group, LaunchSpec.Template current) {
        if (current.imageResolvedAtLaunch()) {
            throw new ExternalCallFailed("CreateLaunchTemplateVersion", "ImageResolvedAtLaunch", "launch template "
                    + current.ref() + " takes its AMI from " + current.imageId() + " at each launch; update that "
                    + "SSM parameter instead of the template", false);
        }
        if (!current.mixed()) {
            return;
        }
        for (LaunchTemplateOverrides o : group.mixedInstancesPolicy().launchTemplate().overrides()) {
            if (o.imageId() != null || o.launchTemplateSpecification() != null) {
                throw new ExternalCallFailed("UpdateAutoScalingGroup", "UnsupportedLaunchSpecification",
                        "group " + group.autoScalingGroupName() + " overrides the AMI or launch template for "
                                + (o.instanceType() == null ? "some instance types" : o.instanceType())
                                + "; the operator only rolls the policy's own launch template", false);
            }
        }
    }
}
