package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.Target;
import dev.ecsami.operator.core.port.AmiCatalog;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The from and to AMIs of a rollout, checked before anything changes: the new image exists, is
 * available, and has the architecture of the one the group runs now.
 */
record AmiChange(AmiRef from, AmiRef to) {

    /** The source to roll to: an explicit AMI id if one is given, else the target's source. */
    static AmiSource source(Target target, Optional<String> explicitAmi) {
        if (explicitAmi.isEmpty()) {
            return target.ami();
        }
        AmiSource source;
        try {
            source = AmiSource.parse(explicitAmi.get());
        } catch (IllegalArgumentException e) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "ami", "ami " + e.getMessage());
        }
        if (!(source instanceof AmiSource.Fixed)) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "ami", "ami must be an AMI id (ami-...)");
        }
        return source;
    }

    static AmiChange resolve(Target target, Optional<String> explicitAmi, Observation observed, AmiCatalog amis) {
        AmiSource source = source(target, explicitAmi);
        AmiRef latest = amis.resolve(source);
        AmiCatalog.Image image = amis.describe(latest.imageId()).orElseThrow(() -> new CommandRejected(
                CommandRejected.Reason.INVALID, "ami", "AMI " + latest.imageId() + " does not exist or is not visible"));
        if (!image.available()) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "ami", "AMI " + latest.imageId()
                    + " is not available yet");
        }
        String currentId = currentImage(observed);
        AmiRef from = AmiRef.of(currentId);
        if (!currentId.isEmpty()) {
            Optional<AmiCatalog.Image> current = amis.describe(currentId);
            if (current.isPresent()) {
                from = current.get().ami();
                if (!current.get().architecture().equals(image.architecture())) {
                    throw new CommandRejected(CommandRejected.Reason.INVALID, "ami", "AMI " + latest.imageId() + " is "
                            + image.architecture() + " but group " + target.autoScalingGroup() + " runs "
                            + current.get().architecture() + " (" + currentId + ")");
                }
            }
        }
        return new AmiChange(from, image.ami());
    }

    /** What the fleet runs: the AMI most container instances report, or else the group's launch image. */
    static String currentImage(Observation observed) {
        Map<String, Long> counts = observed.cluster().instances().stream().map(ContainerInstance::amiId)
                .filter(a -> !a.isEmpty()).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return counts.entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                        Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(observed.group().launchImageId());
    }
}
