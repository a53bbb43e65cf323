package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;

import java.util.Optional;

/** Resolves AMI sources (SSM parameters, fixed ids) and describes images. */
public interface AmiCatalog {

    /** The AMI the source points at now. */
    AmiRef resolve(AmiSource source);

    /** The image, if it exists. */
    Optional<Image> describe(String imageId);

    record Image(AmiRef ami, String architecture, boolean available) {
    }
}
