package dev.ecsami.operator.aws;

import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which other groups a roll of this group's launch template reaches. A roll always creates a
 * template version, which every group following {@code $Latest} launches from next; it moves the
 * template's default version only when this group follows {@code $Default}, and then every group
 * following {@code $Default} (or naming no version, which Auto Scaling reads as {@code $Default})
 * launches from it next. A group pinned to a version number is never affected.
 */
final class SharedTemplates {
    static final String DEFAULT = "$Default";
    static final String LATEST = "$Latest";

    /** A group that launches from a launch template, directly or through a mixed instances policy. */
    record Member(String group, String templateId, String templateName, String version) {
        boolean sameTemplate(Member other) {
            return templateId != null && Objects.equals(templateId, other.templateId)
                    || templateName != null && Objects.equals(templateName, other.templateName);
        }
    }

    private SharedTemplates() {
    }

    static Optional<Member> member(AutoScalingGroup g) {
        LaunchTemplateSpecification spec = g.launchTemplate();
        if (spec == null && g.mixedInstancesPolicy() != null && g.mixedInstancesPolicy().launchTemplate() != null) {
            spec = g.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification();
        }
        if (spec == null) {
            return Optional.empty();
        }
        String version = spec.version() == null || spec.version().isBlank() ? DEFAULT : spec.version();
        return Optional.of(new Member(g.autoScalingGroupName(), spec.launchTemplateId(), spec.launchTemplateName(),
                version));
    }

    /** The other groups whose next launches change when {@code group}'s template is rolled, by name. */
    static List<String> sharingWith(String group, List<Member> members) {
        Optional<Member> self = members.stream().filter(m -> m.group().equals(group)).findFirst();
        if (self.isEmpty()) {
            return List.of();
        }
        boolean movesDefault = DEFAULT.equals(self.get().version());
        return members.stream().filter(m -> !m.group().equals(group)).filter(m -> m.sameTemplate(self.get()))
                .filter(m -> LATEST.equals(m.version()) || movesDefault && DEFAULT.equals(m.version()))
                .map(Member::group).sorted().toList();
    }
}
