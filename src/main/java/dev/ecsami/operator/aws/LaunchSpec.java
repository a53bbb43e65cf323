package dev.ecsami.operator.aws;

import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/** What an Auto Scaling group launches from now: a launch configuration or one concrete template version. */
sealed interface LaunchSpec {

    String SSM_IMAGE_PREFIX = "resolve:ssm:";

    /** The launch configuration name or "lt-id:version number". */
    String ref();

    /** The ImageId as written in the specification: an AMI id, a {@code resolve:ssm:} reference or "". */
    String imageId();

    /** The image is looked up in SSM by EC2 at each launch, so the specification names no AMI. */
    default boolean imageResolvedAtLaunch() {
        return imageId().startsWith(SSM_IMAGE_PREFIX);
    }

    record Configuration(LaunchConfiguration configuration) implements LaunchSpec {
        @Override
        public String ref() {
            return configuration.launchConfigurationName();
        }

        @Override
        public String imageId() {
            return configuration.imageId() == null ? "" : configuration.imageId();
        }
    }

    /**
     * @param followed the version the group names: {@code $Default}, {@code $Latest} or a number
     * @param mixed    named by the group's MixedInstancesPolicy rather than its LaunchTemplate
     * @param version  the version {@code followed} resolves to now
     */
    record Template(String followed, boolean mixed, LaunchTemplateVersion version) implements LaunchSpec {
        static final String DEFAULT = "$Default";
        static final String LATEST = "$Latest";

        String templateId() {
            return version.launchTemplateId();
        }

        long versionNumber() {
            return version.versionNumber();
        }

        boolean followsDefault() {
            return DEFAULT.equals(followed);
        }

        boolean followsLatest() {
            return LATEST.equals(followed);
        }

        @Override
        public String ref() {
            return ref(templateId(), versionNumber());
        }

        @Override
        public String imageId() {
            String image = version.launchTemplateData() == null ? null : version.launchTemplateData().imageId();
            return image == null ? "" : image;
        }

        static String ref(String templateId, long versionNumber) {
            return templateId + ":" + versionNumber;
        }
    }
}
