package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.sim.SimulatedAws;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * EC2 Auto Scaling (Query protocol, XML answers) over the simulated groups. Groups launch from
 * their template's {@code $Default} version, so rolling one goes through ModifyLaunchTemplate.
 */
final class AutoScalingApi {
    static final String NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

    private final SimulatedAws aws;
    private final LaunchTemplates templates;
    /** Groups read so far: TerminateInstanceInAutoScalingGroup names only the instance. */
    private final Set<String> known = new LinkedHashSet<>();

    AutoScalingApi(SimulatedAws aws, LaunchTemplates templates) {
        this.aws = aws;
        this.templates = templates;
    }

    Reply answer(String action, Map<String, String> form) {
        return switch (action) {
            case "DescribeAutoScalingGroups" -> describeGroups(form);
            case "SetDesiredCapacity" -> setDesiredCapacity(form);
            case "UpdateAutoScalingGroup" -> updateGroup(form);
            case "TerminateInstanceInAutoScalingGroup" -> terminate(form);
            default -> throw new Reply.Failure(action, "InvalidAction", "the stub does not implement " + action);
        };
    }

    private Reply describeGroups(Map<String, String> form) {
        StringBuilder members = new StringBuilder();
        for (String name : Query.list(form, "AutoScalingGroupNames.member")) {
            try {
                GroupState g = aws.fleet().describe(name);
                known.add(name);
                templates.observe(g);
                members.append(Xml.raw("member", group(g)));
            } catch (ExternalCallFailed e) {
                if (!"NotFound".equals(e.code())) {
                    throw e;
                }
                // Auto Scaling leaves unknown names out of the answer
            }
        }
        return result("DescribeAutoScalingGroups", Xml.raw("AutoScalingGroups", members.toString()));
    }

    private Reply setDesiredCapacity(Map<String, String> form) {
        String group = form.get("AutoScalingGroupName");
        aws.fleet().setCapacity(group, Integer.parseInt(form.get("DesiredCapacity")), current(group).max());
        return empty("SetDesiredCapacity");
    }

    /** Capacity changes go to the simulation; a launch template version is pointed at like ModifyLaunchTemplate. */
    private Reply updateGroup(Map<String, String> form) {
        String group = form.get("AutoScalingGroupName");
        if (form.containsKey("DesiredCapacity") || form.containsKey("MaxSize")) {
            GroupState g = current(group);
            int desired = form.containsKey("DesiredCapacity") ? Integer.parseInt(form.get("DesiredCapacity"))
                    : g.desired();
            int max = form.containsKey("MaxSize") ? Integer.parseInt(form.get("MaxSize")) : g.max();
            aws.fleet().setCapacity(group, desired, max);
        }
        String version = form.get("LaunchTemplate.Version");
        if (version != null && version.matches("\\d+")) {
            Ec2Api.pointAt(aws, templates, group, Long.parseLong(version), "UpdateAutoScalingGroup");
        }
        return empty("UpdateAutoScalingGroup");
    }

    private Reply terminate(Map<String, String> form) {
        String instanceId = form.get("InstanceId");
        String group = known.stream().filter(g -> current(g).instance(instanceId).isPresent()).findFirst()
                .orElseThrow(() -> new Reply.Failure("TerminateInstanceInAutoScalingGroup", "ValidationError",
                        "Instance Id not found - No managed instance found for instance ID: " + instanceId));
        aws.fleet().terminate(group, instanceId, Boolean.parseBoolean(form.get("ShouldDecrementDesiredCapacity")));
        String activity = Xml.el("ActivityId", AwsStub.requestId()) + Xml.el("AutoScalingGroupName", group)
                + Xml.el("Description", "Terminating EC2 instance: " + instanceId)
                + Xml.el("Cause", "An instance was taken out of service in response to a user request.")
                + Xml.el("StartTime", "2026-11-27T10:00:00.000Z")
                + Xml.el("StatusCode", "InProgress") + Xml.el("Progress", 0);
        return result("TerminateInstanceInAutoScalingGroup", Xml.raw("Activity", activity));
    }

    /** The group as it is, without a call of its own: the mutation that follows is the counted call. */
    private GroupState current(String group) {
        GroupState g = aws.peekGroup(group);
        known.add(group);
        return g;
    }

    private String group(GroupState g) {
        String template = LaunchTemplates.idOf(g.name());
        String instances = Xml.list("Instances", "member", g.instances(), i -> instance(i));
        String suspended = Xml.list("SuspendedProcesses", "member", List.copyOf(g.suspendedProcesses()),
                p -> Xml.el("ProcessName", p) + Xml.el("SuspensionReason", "User suspended"));
        return Xml.el("AutoScalingGroupName", g.name())
                + Xml.el("AutoScalingGroupARN", "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:"
                + "00000000-0000-0000-0000-000000000000:autoScalingGroupName/" + g.name())
                + Xml.raw("LaunchTemplate", Xml.el("LaunchTemplateId", template)
                + Xml.el("LaunchTemplateName", LaunchTemplates.nameOf(g.name())) + Xml.el("Version", "$Default"))
                + Xml.el("MinSize", g.min()) + Xml.el("MaxSize", g.max()) + Xml.el("DesiredCapacity", g.desired())
                + Xml.el("DefaultCooldown", 300) + Xml.el("HealthCheckType", "EC2")
                + Xml.el("HealthCheckGracePeriod", 300) + instances + Xml.el("CreatedTime", "2026-01-01T00:00:00Z")
                + suspended + Xml.raw("TerminationPolicies", Xml.el("member", "Default"));
    }

    private static String instance(GroupInstance i) {
        LaunchTemplates.Ref ref = LaunchTemplates.parse(i.launchRef());
        return Xml.el("InstanceId", i.instanceId()) + Xml.el("InstanceType", "m5.large")
                + Xml.el("AvailabilityZone", i.availabilityZone()) + Xml.el("LifecycleState", lifecycle(i.lifecycle()))
                + Xml.el("HealthStatus", i.healthy() ? "Healthy" : "Unhealthy")
                + Xml.raw("LaunchTemplate", Xml.el("LaunchTemplateId", LaunchTemplates.idOf(ref.group()))
                + Xml.el("LaunchTemplateName", LaunchTemplates.nameOf(ref.group()))
                + Xml.el("Version", ref.version()))
                + Xml.el("ProtectedFromScaleIn", i.protectedFromScaleIn());
    }

    static String lifecycle(Lifecycle l) {
        return switch (l) {
            case PENDING -> "Pending";
            case IN_SERVICE -> "InService";
            case TERMINATING -> "Terminating";
            case TERMINATING_WAIT -> "Terminating:Wait";
            case TERMINATED -> "Terminated";
            case STANDBY -> "Standby";
            case OTHER -> "Detaching";
        };
    }

    private static Reply result(String action, String content) {
        return Reply.xml("<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + content + "</"
                + action + "Result>" + metadata() + "</" + action + "Response>");
    }

    private static Reply empty(String action) {
        return Reply.xml("<" + action + "Response xmlns=\"" + NS + "\">" + metadata() + "</" + action + "Response>");
    }

    private static String metadata() {
        return Xml.raw("ResponseMetadata", Xml.el("RequestId", AwsStub.requestId()));
    }
}
