package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.ExternalCallFailed;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.BlockDeviceMapping;
import software.amazon.awssdk.services.autoscaling.model.CreateLaunchConfigurationRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeLaunchConfigurationsResponse;
import software.amazon.awssdk.services.autoscaling.model.Ebs;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rolls a group that launches from a launch configuration. Launch configurations are immutable,
 * so the roll copies the current one under the name {@code <base>-<ami id>} with only the image
 * changed, points the group at it and deletes copies older than the newest few.
 */
final class LaunchConfigurationRoller {
    private static final Logger LOG = Logger.getLogger(LaunchConfigurationRoller.class);
    private static final String AMI_SUFFIX = "-ami-[0-9a-f]{8}(?:[0-9a-f]{9})?";
    private static final Pattern TRAILING_AMI = Pattern.compile(AMI_SUFFIX + "$");

    private final AutoScalingClient asg;
    private final Ec2Client ec2;
    private final int keep;

    LaunchConfigurationRoller(AutoScalingClient asg, Ec2Client ec2, int keep) {
        this.asg = asg;
        this.ec2 = ec2;
        this.keep = keep;
    }

    String roll(String group, LaunchConfiguration current, String imageId) {
        if (imageId.equals(current.imageId())) {
            return current.launchConfigurationName();
        }
        String name = nameFor(current.launchConfigurationName(), imageId);
        AmiSnapshots snapshots = current.blockDeviceMappings().stream().anyMatch(m -> m.ebs() != null
                && m.ebs().snapshotId() != null) ? AmiSnapshots.describe(ec2, current.imageId(), imageId) : null;
        CreateLaunchConfigurationRequest copy = copy(current, name, imageId, snapshots);
        try {
            AwsCalls.call("CreateLaunchConfiguration", () -> asg.createLaunchConfiguration(copy));
        } catch (ExternalCallFailed e) {
            if (!"AlreadyExists".equals(e.code())) {
                throw e;
            }
            LOG.infof("launch configuration %s exists already (an earlier attempt made it); using it", name);
        }
        pointAt(group, name);
        deleteOldCopies(baseName(current.launchConfigurationName()), name, current.launchConfigurationName());
        return name;
    }

    void pointAt(String group, String launchConfigurationName) {
        AwsCalls.call("UpdateAutoScalingGroup", () -> asg.updateAutoScalingGroup(r -> r.autoScalingGroupName(group)
                .launchConfigurationName(launchConfigurationName)));
    }

    static String baseName(String name) {
        return TRAILING_AMI.matcher(name).replaceFirst("");
    }

    static String nameFor(String currentName, String imageId) {
        return baseName(currentName) + "-" + imageId;
    }

    /** Every field of the current configuration; only the image and the AMI's own snapshots change. */
    static CreateLaunchConfigurationRequest copy(LaunchConfiguration lc, String name, String imageId,
                                                 AmiSnapshots snapshots) {
        CreateLaunchConfigurationRequest.Builder b = CreateLaunchConfigurationRequest.builder()
                .launchConfigurationName(name).imageId(imageId)
                .keyName(blankToNull(lc.keyName())).instanceType(lc.instanceType())
                .kernelId(blankToNull(lc.kernelId())).ramdiskId(blankToNull(lc.ramdiskId()))
                .userData(blankToNull(lc.userData())).iamInstanceProfile(blankToNull(lc.iamInstanceProfile()))
                .instanceMonitoring(lc.instanceMonitoring()).ebsOptimized(lc.ebsOptimized())
                .metadataOptions(lc.metadataOptions()).spotPrice(blankToNull(lc.spotPrice()))
                .placementTenancy(blankToNull(lc.placementTenancy()))
                .associatePublicIpAddress(lc.associatePublicIpAddress())
                .classicLinkVPCId(blankToNull(lc.classicLinkVPCId()));
        if (lc.hasSecurityGroups() && !lc.securityGroups().isEmpty()) {
            b.securityGroups(lc.securityGroups());
        }
        if (lc.hasClassicLinkVPCSecurityGroups() && !lc.classicLinkVPCSecurityGroups().isEmpty()) {
            b.classicLinkVPCSecurityGroups(lc.classicLinkVPCSecurityGroups());
        }
        if (lc.hasBlockDeviceMappings() && !lc.blockDeviceMappings().isEmpty()) {
            b.blockDeviceMappings(lc.blockDeviceMappings().stream().map(m -> withoutAmiSnapshot(m, snapshots))
                    .toList());
        }
        return b.build();
    }

    /**
     * The mapping stays (its size, type, encryption and delete-on-termination are the user's
     * choices); only a snapshot taken from an AMI is dropped, so the volume comes from the new AMI.
     */
    private static BlockDeviceMapping withoutAmiSnapshot(BlockDeviceMapping m, AmiSnapshots snapshots) {
        Ebs ebs = m.ebs();
        if (ebs == null || snapshots == null || !snapshots.amiBound(m.deviceName(), ebs.snapshotId())) {
            return m;
        }
        return m.toBuilder().ebs(ebs.toBuilder().snapshotId(null).build()).build();
    }

    /**
     * Keeps the newest {@code keep} operator-made copies of this base, and always the new and the
     * previous configuration. A copy still in use elsewhere refuses deletion; that is fine.
     */
    private void deleteOldCopies(String base, String current, String previous) {
        try {
            Pattern ours = Pattern.compile(Pattern.quote(base) + AMI_SUFFIX);
            List<LaunchConfiguration> copies = new ArrayList<>(allConfigurations().stream()
                    .filter(lc -> ours.matcher(lc.launchConfigurationName()).matches()).toList());
            copies.sort(Comparator.comparing((LaunchConfiguration lc) -> lc.createdTime() == null ? Instant.EPOCH
                    : lc.createdTime()).reversed().thenComparing(LaunchConfiguration::launchConfigurationName));
            for (LaunchConfiguration old : copies.subList(Math.min(keep, copies.size()), copies.size())) {
                String name = old.launchConfigurationName();
                if (!name.equals(current) && !name.equals(previous)) {
                    delete(name);
                }
            }
        } catch (ExternalCallFailed e) {
            LOG.warnf("could not clean up old launch configurations of %s: %s", base, e.getMessage());
        }
    }

    private void delete(String name) {
        try {
            AwsCalls.call("DeleteLaunchConfiguration",
                    () -> asg.deleteLaunchConfiguration(r -> r.launchConfigurationName(name)));
            LOG.infof("deleted old launch configuration %s", name);
        } catch (ExternalCallFailed e) {
            LOG.infof("kept launch configuration %s: %s", name, e.getMessage());
        }
    }

    private List<LaunchConfiguration> allConfigurations() {
        List<LaunchConfiguration> all = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            DescribeLaunchConfigurationsResponse response = AwsCalls.call("DescribeLaunchConfigurations",
                    () -> asg.describeLaunchConfigurations(r -> r.maxRecords(100).nextToken(page)));
            all.addAll(response.launchConfigurations());
            token = response.nextToken();
        } while (token != null);
        return all;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
