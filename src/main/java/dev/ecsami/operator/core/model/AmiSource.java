package dev.ecsami.operator.core.model;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a target's AMI comes from: an ECS-optimized family (resolved through its public SSM
 * parameter), any SSM parameter, or a fixed AMI id.
 */
public sealed interface AmiSource {

    Set<String> FAMILIES = Set.of(
            "amazon-linux-2023", "amazon-linux-2023/arm64", "amazon-linux-2023/gpu", "amazon-linux-2023/inf",
            "amazon-linux-2", "amazon-linux-2/kernel-5.10", "amazon-linux-2/arm64", "amazon-linux-2/gpu",
            "amazon-linux-2/inf", "bottlerocket/x86_64", "bottlerocket/arm64");

    Pattern AMI_ID = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");

    /** The SSM parameter holding the AMI, or empty for a fixed id. */
    String parameterName();

    String describe();

    record Family(String family) implements AmiSource {
        @Override
        public String parameterName() {
            if (family.startsWith("bottlerocket/")) {
                return "/aws/service/bottlerocket/aws-ecs-2/" + family.substring("bottlerocket/".length())
                        + "/latest/image_id";
            }
            return "/aws/service/ecs/optimized-ami/" + family + "/recommended";
        }

        @Override
        public String describe() {
            return family;
        }
    }

    record SsmParameter(String name) implements AmiSource {
        @Override
        public String parameterName() {
            return name;
        }

        @Override
        public String describe() {
            return "ssm:" + name;
        }
    }

    record Fixed(String imageId) implements AmiSource {
        @Override
        public String parameterName() {
            return "";
        }

        @Override
        public String describe() {
            return imageId;
        }
    }

    /**
     * Parses the configured form: a family name, {@code ssm:/param/name} or {@code ami-...}.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    static AmiSource parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("is empty; expected an AMI family (e.g. amazon-linux-2023), "
                    + "ssm:<parameter name> or ami-<id>");
        }
        String v = value.trim();
        if (v.startsWith("ssm:")) {
            String name = v.substring(4);
            if (name.isBlank() || !name.startsWith("/") && name.contains("/")) {
                throw new IllegalArgumentException("'" + v + "' is not a valid SSM parameter name");
            }
            return new SsmParameter(name);
        }
        if (v.startsWith("ami-")) {
            if (!AMI_ID.matcher(v).matches()) {
                throw new IllegalArgumentException("'" + v + "' is not an AMI id (ami- followed by 8 or 17 hex digits)");
            }
            return new Fixed(v);
        }
        if (FAMILIES.contains(v)) {
            return new Family(v);
        }
        throw new IllegalArgumentException("'" + v + "' is not a known AMI family " + FAMILIES.stream().sorted().toList()
                + ", an ssm:<parameter name> or an ami-<id>");
    }
}
