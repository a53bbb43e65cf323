package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.ExternalCallFailed;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which block device mappings of a launch specification belong to its AMI rather than to the
 * user: the mapping of the new AMI's root device, and any mapping that restores a snapshot of the
 * old AMI. Copied verbatim they would boot the new instance from the old AMI's disk.
 */
final class AmiSnapshots {
    private final String newRootDevice;
    private final Set<String> oldSnapshots;

    private AmiSnapshots(String newRootDevice, Set<String> oldSnapshots) {
        this.newRootDevice = newRootDevice;
        this.oldSnapshots = Set.copyOf(oldSnapshots);
    }

    /**
     * One DescribeImages call. A filter rather than ImageIds, so that an old AMI deregistered since
     * does not fail the call; deprecated AMIs are included.
     *
     * @throws ExternalCallFailed with code "NotFound" when the new AMI is not visible
     */
    static AmiSnapshots describe(Ec2Client ec2, String oldImageId, String newImageId) {
        List<String> ids = new ArrayList<>(List.of(newImageId));
        if (oldImageId.startsWith("ami-") && !oldImageId.equals(newImageId)) {
            ids.add(oldImageId);
        }
        List<Image> images = AwsCalls.call("DescribeImages", () -> ec2.describeImages(r -> r.includeDeprecated(true)
                .filters(Filter.builder().name("image-id").values(ids).build()))).images();
        Image replacement = images.stream().filter(i -> newImageId.equals(i.imageId())).findFirst()
                .orElseThrow(() -> new ExternalCallFailed("DescribeImages", "NotFound",
                        "AMI " + newImageId + " does not exist or is not shared with this account", false));
        Set<String> oldSnapshots = new HashSet<>();
        images.stream().filter(i -> oldImageId.equals(i.imageId())).flatMap(i -> i.blockDeviceMappings().stream())
                .map(BlockDeviceMapping::ebs).filter(e -> e != null && e.snapshotId() != null)
                .forEach(e -> oldSnapshots.add(e.snapshotId()));
        return new AmiSnapshots(replacement.rootDeviceName() == null ? "" : replacement.rootDeviceName(),
                oldSnapshots);
    }

    /** The snapshot in this mapping comes from an AMI and must not travel to the new specification. */
    boolean amiBound(String deviceName, String snapshotId) {
        return snapshotId != null && (newRootDevice.equals(deviceName) || oldSnapshots.contains(snapshotId));
    }
}
