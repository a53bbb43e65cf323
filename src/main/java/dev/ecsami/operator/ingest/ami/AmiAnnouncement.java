package dev.ecsami.operator.ingest.ami;

import dev.ecsami.operator.core.model.Require;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The payload of an ECS-optimized AMI update notification: the current agent release and the AMI
 * releases it announces. A trigger only; the operator re-reads the current AMIs before acting.
 */
public record AmiAnnouncement(Optional<String> agentReleaseVersion, List<Release> releases) {

    public AmiAnnouncement {
        Objects.requireNonNull(agentReleaseVersion, "agentReleaseVersion");
        releases = List.copyOf(releases);
    }

    /** An AMI release together with its image in one region. */
    public record RegionalImage(Release release, Image image) {
    }

    /** The announced images for a region, in announcement order; empty when the region is not listed. */
    public List<RegionalImage> imagesFor(String region) {
        return releases.stream()
                .flatMap(release -> release.imageIn(region).map(image -> new RegionalImage(release, image)).stream())
                .toList();
    }

    /** The human-readable trigger detail, e.g. "ECS AMI release 20261124, agent 1.90.0". */
    public String describe() {
        String text = "ECS AMI release " + String.join(", ", releases.stream().map(Release::releaseVersion)
                .distinct().toList());
        return agentReleaseVersion.map(agent -> text + ", agent " + agent).orElse(text);
    }

    /**
     * One ECS-optimized AMI release, e.g. Amazon Linux 2 20210316 with agent 1.51.0, and its image in
     * each region (sorted by region name).
     */
    public record Release(String releaseVersion, Optional<String> agentVersion, String osType,
                          Optional<String> operatingSystemName, SortedMap<String, Image> imagesByRegion) {

        public Release {
            Require.nonNull("releaseVersion", releaseVersion, "agentVersion", agentVersion, "osType", osType,
                    "operatingSystemName", operatingSystemName);
            imagesByRegion = Collections.unmodifiableSortedMap(new TreeMap<>(imagesByRegion));
        }

        public Release(String releaseVersion, Optional<String> agentVersion, String osType,
                       Optional<String> operatingSystemName, Map<String, Image> imagesByRegion) {
            this(releaseVersion, agentVersion, osType, operatingSystemName, new TreeMap<>(imagesByRegion));
        }

        public Optional<Image> imageIn(String region) {
            return Optional.ofNullable(imagesByRegion.get(region));
        }
    }

    /** One regional image of an ECS-optimized AMI release. */
    public record Image(String imageId, Optional<String> name) {

        public Image {
            Objects.requireNonNull(imageId, "imageId");
            Objects.requireNonNull(name, "name");
        }
    }
}
