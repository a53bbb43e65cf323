package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.LaunchSpecs;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link LaunchSpecs} over launch templates (the main path) and launch configurations. The group
 * is re-read on every call, so a retry after a crash sees what the last attempt left behind.
 */
public final class AwsLaunchSpecs implements LaunchSpecs {
    private static final Pattern TEMPLATE_REF = Pattern.compile("(lt-[0-9a-f]+):(\\d+)");

    private final LaunchSpecReader reader;
    private final LaunchTemplateRoller templates;
    private final LaunchConfigurationRoller configurations;

    /** @param launchConfigurationsToKeep operator-made launch configurations kept per group, at least 2 */
    public AwsLaunchSpecs(AutoScalingClient asg, Ec2Client ec2, int launchConfigurationsToKeep) {
        if (launchConfigurationsToKeep < 2) {
            throw new IllegalArgumentException("launch-configurations-to-keep must be at least 2, was "
                    + launchConfigurationsToKeep);
        }
        this.reader = new LaunchSpecReader(asg, ec2);
        this.templates = new LaunchTemplateRoller(asg, ec2);
        this.configurations = new LaunchConfigurationRoller(asg, ec2, launchConfigurationsToKeep);
    }

    @Override
    public String rollTo(String group, AmiRef ami) {
        AutoScalingGroup g = reader.group(group);
        LaunchSpec current = reader.of(g);
        if (current instanceof LaunchSpec.Template t) {
            return templates.roll(g, t, ami.imageId());
        }
        return configurations.roll(group, ((LaunchSpec.Configuration) current).configuration(), ami.imageId());
    }

    /**
     * Points the group back at a launch reference it used before ({@link dev.ecsami.operator.core.fleet.GroupState#launchRef()}
     * read before {@link #rollTo}). A group that follows {@code $Latest} cannot point back, so it
     * rolls forward to the previous version's AMI instead.
     *
     * @return the launch reference the group uses now
     */
    public String rollBack(String group, String previousRef) {
        AutoScalingGroup g = reader.group(group);
        LaunchSpec current = reader.of(g);
        if (current.ref().equals(previousRef)) {
            return previousRef;
        }
        Matcher ref = TEMPLATE_REF.matcher(previousRef);
        if (current instanceof LaunchSpec.Configuration) {
            if (ref.matches()) {
                throw mismatch(group, current, previousRef);
            }
            reader.configuration(previousRef);
            configurations.pointAt(group, previousRef);
            return previousRef;
        }
        LaunchSpec.Template t = (LaunchSpec.Template) current;
        if (!ref.matches() || !ref.group(1).equals(t.templateId())) {
            throw mismatch(group, current, previousRef);
        }
        long version = Long.parseLong(ref.group(2));
        if (t.followsLatest()) {
            String image = reader.templateVersion(t.templateId(), null, ref.group(2)).launchTemplateData().imageId();
            return templates.roll(g, t, image);
        }
        reader.templateVersion(t.templateId(), null, ref.group(2));
        templates.pointAt(g, t, version);
        return previousRef;
    }

    private static ExternalCallFailed mismatch(String group, LaunchSpec current, String previousRef) {
        return new ExternalCallFailed("RollBack", "LaunchSpecificationChanged", "group " + group + " now launches from "
                + current.ref() + ", which is not the same launch template or kind of specification as "
                + previousRef + "; it was changed outside the operator, roll back by hand", false);
    }
}
