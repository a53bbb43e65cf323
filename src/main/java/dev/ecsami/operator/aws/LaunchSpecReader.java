package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.port.ExternalCallFailed;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchConfiguration;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

import java.util.List;

/** Reads a group and resolves what it launches from, with one call per step. */
final class LaunchSpecReader {
    private final AutoScalingClient asg;
    private final Ec2Client ec2;

    LaunchSpecReader(AutoScalingClient asg, Ec2Client ec2) {
        this.asg = asg;
        this.ec2 = ec2;
    }

    /** @throws ExternalCallFailed with code "NotFound" when there is no such group */
    AutoScalingGroup group(String name) {
        List<AutoScalingGroup> groups = AwsCalls.call("DescribeAutoScalingGroups",
                () -> asg.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))).autoScalingGroups();
        return groups.stream().filter(g -> name.equals(g.autoScalingGroupName())).findFirst()
                .orElseThrow(() -> new ExternalCallFailed("DescribeAutoScalingGroups", "NotFound",
                        "Auto Scaling group '" + name + "' does not exist", false));
    }

    LaunchSpec of(AutoScalingGroup group) {
        if (group.launchConfigurationName() != null) {
            return new LaunchSpec.Configuration(configuration(group.launchConfigurationName()));
        }
        if (group.launchTemplate() != null) {
            return template(group.launchTemplate(), false);
        }
        if (group.mixedInstancesPolicy() != null && group.mixedInstancesPolicy().launchTemplate() != null
                && group.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification() != null) {
            return template(group.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification(), true);
        }
        throw new ExternalCallFailed("DescribeAutoScalingGroups", "NoLaunchSpecification", "Auto Scaling group '"
                + group.autoScalingGroupName() + "' names no launch configuration or launch template", false);
    }

    LaunchConfiguration configuration(String name) {
        return AwsCalls.call("DescribeLaunchConfigurations",
                        () -> asg.describeLaunchConfigurations(r -> r.launchConfigurationNames(name)))
                .launchConfigurations().stream().filter(lc -> name.equals(lc.launchConfigurationName())).findFirst()
                .orElseThrow(() -> new ExternalCallFailed("DescribeLaunchConfigurations", "NotFound",
                        "launch configuration '" + name + "' does not exist", false));
    }

    /** One version of a template, by id (or by name when the group gives no id); version may be symbolic. */
    LaunchTemplateVersion templateVersion(String templateId, String templateName, String version) {
        DescribeLaunchTemplateVersionsRequest.Builder request = DescribeLaunchTemplateVersionsRequest.builder()
                .versions(version);
        if (templateId != null) {
            request.launchTemplateId(templateId);
        } else {
            request.launchTemplateName(templateName);
        }
        List<LaunchTemplateVersion> found = AwsCalls.call("DescribeLaunchTemplateVersions",
                () -> ec2.describeLaunchTemplateVersions(request.build())).launchTemplateVersions();
        if (found.isEmpty()) {
            throw new ExternalCallFailed("DescribeLaunchTemplateVersions", "NotFound", "launch template "
                    + (templateId != null ? templateId : templateName) + " has no version " + version, false);
        }
        return found.get(0);
    }

    private LaunchSpec.Template template(LaunchTemplateSpecification spec, boolean mixed) {
        // Auto Scaling treats an absent version as $Default
        String followed = spec.version() == null || spec.version().isBlank() ? LaunchSpec.Template.DEFAULT
                : spec.version();
        return new LaunchSpec.Template(followed, mixed,
                templateVersion(spec.launchTemplateId(), spec.launchTemplateName(), followed));
    }
}
