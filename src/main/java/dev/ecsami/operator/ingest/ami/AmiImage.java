package dev.ecsami.operator.ingest.ami;

import java.util.Objects;
import java.util.Optional;

/** One regional image of an ECS-optimized AMI release. */
public record AmiImage(String imageId, Optional<String> name) {

    public AmiImage {
        Objects.requireNonNull(imageId, "imageId");
        Objects.requireNonNull(name, "name");
    }
}
