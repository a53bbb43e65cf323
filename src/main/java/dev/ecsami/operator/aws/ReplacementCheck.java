package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.AmiCatalog.Image;

/**
 * Whether an AMI can replace the one a group runs, decided before anything is changed.
 * {@link #acceptable()} is the verdict; {@link #message()} says why, naming both AMIs.
 */
public sealed interface ReplacementCheck {

    /** Only a compatible AMI, or one whose architecture could not be compared, is acceptable. */
    default boolean acceptable() {
        return this instanceof Compatible || this instanceof CurrentUnknown;
    }

    String message();

    /** Both AMIs exist, the new one is available and has the same architecture. */
    record Compatible(Image current, Image replacement) implements ReplacementCheck {
        @Override
        public String message() {
            return "AMI " + replacement.ami() + " (" + replacement.architecture() + ") can replace "
                    + current.ami().imageId();
        }
    }

    /** The current AMI is unknown (chosen at launch, or deregistered): the architecture could not be compared. */
    record CurrentUnknown(String currentImageId, Image replacement) implements ReplacementCheck {
        @Override
        public String message() {
            return "AMI " + replacement.ami() + " is available; the group's current AMI "
                    + (currentImageId.isEmpty() ? "is chosen at launch" : currentImageId + " is no longer visible")
                    + ", so its architecture was not compared";
        }
    }

    record ArchitectureMismatch(Image current, Image replacement) implements ReplacementCheck {
        @Override
        public String message() {
            return "AMI " + replacement.ami().imageId() + " is " + replacement.architecture() + " but the group runs "
                    + current.architecture() + " (" + current.ami().imageId() + ")";
        }
    }

    record NotFound(String imageId) implements ReplacementCheck {
        @Override
        public String message() {
            return "AMI " + imageId + " does not exist or is not shared with this account";
        }
    }

    record NotAvailable(String imageId, String state) implements ReplacementCheck {
        @Override
        public String message() {
            return "AMI " + imageId + " is " + state + ", not available";
        }
    }
}
