package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.GroupSurroundings.LifecycleHook;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScalingPolicy;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScheduledAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Auto Scaling reads of what else acts on a group: DescribePolicies, DescribeScheduledActions
 * and DescribeLifecycleHooks, from the simulation's surroundings of the group (one pass through its
 * fault plan per call), shaped as in the API reference.
 */
final class ScalingNeighboursApi {
    private static final String ARN = "arn:aws:autoscaling:us-east-1:123456789012:";

    private final SeenGroups seen;

    ScalingNeighboursApi(SeenGroups seen) {
        this.seen = seen;
    }

    Reply answer(String action, String group, Map<String, String> form) {
        GroupSurroundings around = seen.read(group);
        return switch (action) {
            case "DescribePolicies" -> {
                Query.Page<ScalingPolicy> page = Query.page(form, around.scalingPolicies(), 50);
                yield AutoScalingApi.result(action, Xml.list("ScalingPolicies", "member", page.items(),
                        p -> policy(group, p)) + page.nextTokenXml());
            }
            case "DescribeScheduledActions" -> {
                Query.Page<ScheduledAction> page = Query.page(form, around.scheduledActions(), 50);
                yield AutoScalingApi.result(action, Xml.list("ScheduledUpdateGroupActions", "member", page.items(),
                        a -> scheduled(group, a)) + page.nextTokenXml());
            }
            default -> AutoScalingApi.result(action, Xml.list("LifecycleHooks", "member", around.lifecycleHooks(),
                    h -> hook(group, h)));
        };
    }

    /**
     * Groups the simulation says launch from a seen group's template through $Default: on the wire,
     * empty groups following that template's default version.
     */
    static List<String> sharingGroups(SeenGroups seen) {
        List<String> groups = new ArrayList<>();
        seen.lastRead().forEach((owner, around) -> around.launchTemplateSharedWith().stream()
                .filter(name -> !seen.names().contains(name))
                .forEach(name -> groups.add(Xml.el("AutoScalingGroupName", name)
                        + Xml.el("AutoScalingGroupARN", groupArn(name))
                        + Xml.raw("LaunchTemplate", Xml.el("LaunchTemplateId", LaunchTemplates.idOf(owner))
                        + Xml.el("LaunchTemplateName", LaunchTemplates.nameOf(owner)) + Xml.el("Version", "$Default"))
                        + Xml.el("MinSize", 0) + Xml.el("MaxSize", 0) + Xml.el("DesiredCapacity", 0)
                        + Xml.raw("Instances", "") + Xml.el("CreatedTime", "2026-01-01T00:00:00Z"))));
        return groups;
    }

    static String groupArn(String group) {
        return ARN + "autoScalingGroup:00000000-0000-0000-0000-000000000000:autoScalingGroupName/" + group;
    }

    private static String policy(String group, ScalingPolicy p) {
        return Xml.el("AutoScalingGroupName", group) + Xml.el("PolicyName", p.name())
                + Xml.el("PolicyARN", ARN + "scalingPolicy:00000000-0000-0000-0000-000000000001:autoScalingGroupName/"
                + group + ":policyName/" + p.name()) + Xml.el("PolicyType", p.type())
                + Xml.raw("Alarms", "") + Xml.el("Enabled", p.enabled());
    }

    private static String scheduled(String group, ScheduledAction a) {
        return Xml.el("AutoScalingGroupName", group) + Xml.el("ScheduledActionName", a.name())
                + Xml.el("ScheduledActionARN", ARN + "scheduledUpdateGroupAction:00000000-0000-0000-0000-000000000002:"
                + "autoScalingGroupName/" + group + ":scheduledActionName/" + a.name())
                + (a.nextRun() == null ? "" : Xml.el("Time", a.nextRun()) + Xml.el("StartTime", a.nextRun()))
                + (a.recurrence() == null ? "" : Xml.el("Recurrence", a.recurrence()))
                + (a.min() == null ? "" : Xml.el("MinSize", a.min()))
                + (a.max() == null ? "" : Xml.el("MaxSize", a.max()))
                + (a.desired() == null ? "" : Xml.el("DesiredCapacity", a.desired()));
    }

    private static String hook(String group, LifecycleHook h) {
        return Xml.el("LifecycleHookName", h.name()) + Xml.el("AutoScalingGroupName", group)
                + Xml.el("LifecycleTransition", h.transition())
                + Xml.el("HeartbeatTimeout", h.heartbeatTimeout().toSeconds())
                + Xml.el("GlobalTimeout", Math.min(172800, h.heartbeatTimeout().toSeconds() * 100))
                + Xml.el("DefaultResult", h.defaultResult());
    }
}
