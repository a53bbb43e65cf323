package dev.ecsami.operator.core.model;

import java.util.Objects;

/** An AMI as the operator speaks of it: its id and, when known, its name. */
public record AmiRef(String imageId, String name) {
    public AmiRef {
        Objects.requireNonNull(imageId, "imageId");
        name = name == null ? "" : name;
    }

    public static AmiRef of(String imageId) {
        return new AmiRef(imageId, "");
    }

    public boolean sameImage(String otherImageId) {
        return imageId.equals(otherImageId);
    }

    @Override
    public String toString() {
        return name.isEmpty() ? imageId : imageId + " (" + name + ")";
    }
}
