package dev.ecsami.operator.ingest.ami;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One ECS-optimized AMI release from an announcement, e.g. Amazon Linux 2 20210316 with agent
 * 1.51.0, and its image in each region (sorted by region name).
 */
public record AmiRelease(
        String releaseVersion,
        Optional<String> agentVersion,
        String osType,
        Optional<String> operatingSystemName,
        SortedMap<String, AmiImage> imagesByRegion) {

    public AmiRelease {
        Objects.requireNonNull(releaseVersion, "releaseVersion");
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(osType, "osType");
        Objects.requireNonNull(operatingSystemName, "operatingSystemName");
        imagesByRegion = Collections.unmodifiableSortedMap(new TreeMap<>(imagesByRegion));
    }

    public AmiRelease(String releaseVersion, Optional<String> agentVersion, String osType,
            Optional<String> operatingSystemName, Map<String, AmiImage> imagesByRegion) {
        this(releaseVersion, agentVersion, osType, operatingSystemName, new TreeMap<>(imagesByRegion));
    }

    public Optional<AmiImage> imageIn(String region) {
        return Optional.ofNullable(imagesByRegion.get(region));
    }
}
