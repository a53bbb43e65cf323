package dev.ecsami.operator.ingest.ami;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The payload of an ECS-optimized AMI update notification: the current agent release and the AMI
 * releases it announces. A trigger only; the operator re-reads the current AMIs before acting.
 */
public record AmiAnnouncement(Optional<String> agentReleaseVersion, List<AmiRelease> releases) {

    public AmiAnnouncement {
        Objects.requireNonNull(agentReleaseVersion, "agentReleaseVersion");
        releases = List.copyOf(releases);
    }

    /** An AMI release together with its image in one region. */
    public record RegionalImage(AmiRelease release, AmiImage image) {
    }

    /** The announced images for a region, in announcement order; empty when the region is not listed. */
    public List<RegionalImage> imagesFor(String region) {
        return releases.stream()
                .flatMap(release -> release.imageIn(region).map(image -> new RegionalImage(release, image)).stream())
                .toList();
    }
}
