package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.sim.SimulatedAws;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * EC2 Auto Scaling (Query protocol, XML answers) over the simulated groups. Groups launch from
 * their template's {@code $Default} version, so rolling one goes through ModifyLaunchTemplate.
 */
final class AutoScalingApi {
    static final String NS = "http://autoscaling.amazonaws.com/doc/2011-01-01/";

    /** The processes SuspendProcesses and ResumeProcesses know (DescribeScalingProcessTypes). */
    static final Set<String> PROCESSES = Set.of("Launch", "Terminate", "AddToLoadBalancer", "AlarmNotification",
            "AZRebalance", "HealthCheck", "InstanceRefresh", "ReplaceUnhealthy", "ScheduledActions");
    /** SetInstanceProtection takes at most 50 instance ids. */
    static final int PROTECTION_BATCH = 50;

    private final SimulatedAws aws;
    private final LaunchTemplates templates;
    /** Groups read so far: TerminateInstanceInAutoScalingGroup names only the instance. */
    private final SeenGroups seen;
    private final ScalingNeighboursApi neighbours;

    AutoScalingApi(SimulatedAws aws, LaunchTemplates templates, SeenGroups seen) {
        this.aws = aws;
        this.templates = templates;
        this.seen = seen;
        this.neighbours = new ScalingNeighboursApi(seen);
    }

    Reply answer(String action, Map<String, String> form) {
        return switch (action) {
            case "DescribeAutoScalingGroups" -> describeGroups(form);
            case "SetDesiredCapacity" -> setDesiredCapacity(form);
            case "UpdateAutoScalingGroup" -> updateGroup(form);
            case "TerminateInstanceInAutoScalingGroup" -> terminate(form);
            case "DescribeScalingActivities" -> activities(form);
            case "SuspendProcesses" -> processes(action, form, true);
            case "ResumeProcesses" -> processes(action, form, false);
            case "SetInstanceProtection" -> setProtection(form);
            case "RecordLifecycleActionHeartbeat", "CompleteLifecycleAction" -> lifecycleAction(action, form);
            case "DescribePolicies", "DescribeScheduledActions", "DescribeLifecycleHooks" ->
                    neighbours.answer(action, existing(form.get("AutoScalingGroupName"), action), form);
            default -> throw new Reply.Failure(action, "InvalidAction", "the stub does not implement " + action);
        };
    }

    /**
     * The named groups; without names, every group the stub has seen and the groups the simulation
     * says share their launch template, a page of MaxRecords (default 50) at a time.
     */
    private Reply describeGroups(Map<String, String> form) {
        List<String> names = Query.list(form, "AutoScalingGroupNames.member");
        List<String> members = new ArrayList<>();
        for (String name : names.isEmpty() ? List.copyOf(seen.names()) : names) {
            try {
                GroupState g = aws.fleet().describe(name);
                seen.add(name);
                templates.observe(g);
                members.add(group(g));
            } catch (ExternalCallFailed e) {
                if (!"NotFound".equals(e.code())) {
                    throw e;
                }
                // Auto Scaling leaves unknown names out of the answer
            }
        }
        if (names.isEmpty()) {
            members.addAll(ScalingNeighboursApi.sharingGroups(seen));
        }
        Query.Page<String> page = Query.page(form, members, 50);
        return result("DescribeAutoScalingGroups", Xml.list("AutoScalingGroups", "member", page.items(), m -> m)
                + page.nextTokenXml());
    }

    /**
     * SuspendProcesses or ResumeProcesses: the named processes, or all of them when none is named,
     * as the API reference says; an unknown process name is a ValidationError.
     */
    private Reply processes(String action, Map<String, String> form, boolean suspend) {
        String group = existing(form.get("AutoScalingGroupName"), action);
        List<String> named = Query.list(form, "ScalingProcesses.member");
        for (String p : named) {
            if (!PROCESSES.contains(p)) {
                throw new Reply.Failure(action, "ValidationError", "Invalid scaling process name: " + p);
            }
        }
        Set<String> processes = named.isEmpty() ? PROCESSES : new LinkedHashSet<>(named);
        if (suspend) {
            aws.fleet().suspendProcesses(group, processes);
        } else {
            aws.fleet().resumeProcesses(group, processes);
        }
        return empty(action);
    }

    /** At most 50 instances, each of them in the group (the simulation answers ValidationError otherwise). */
    private Reply setProtection(Map<String, String> form) {
        String group = existing(form.get("AutoScalingGroupName"), "SetInstanceProtection");
        List<String> ids = Query.list(form, "InstanceIds.member");
        if (ids.size() > PROTECTION_BATCH) {
            throw new Reply.Failure("SetInstanceProtection", "LimitExceeded", "The number of instance IDs "
                    + ids.size() + " exceeds the limit of " + PROTECTION_BATCH + " per call.");
        }
        aws.fleet().setInstanceProtection(group, ids, Boolean.parseBoolean(form.get("ProtectedFromScaleIn")));
        return result("SetInstanceProtection", "");
    }

    /**
     * RecordLifecycleActionHeartbeat or CompleteLifecycleAction of a pending terminating action; the
     * hook, the group and the token or instance id are required, as the API reference says.
     */
    private Reply lifecycleAction(String action, Map<String, String> form) {
        String group = existing(form.get("AutoScalingGroupName"), action);
        String hook = form.getOrDefault("LifecycleHookName", "");
        String instance = form.getOrDefault("InstanceId", "");
        String token = form.getOrDefault("LifecycleActionToken", "");
        if (hook.isEmpty() || instance.isEmpty() && token.isEmpty()) {
            throw new Reply.Failure(action, "ValidationError",
                    "LifecycleHookName and one of InstanceId or LifecycleActionToken are required");
        }
        if (action.equals("CompleteLifecycleAction")) {
            aws.lifecycleActions().complete(group, hook, instance, token, form.getOrDefault("LifecycleActionResult", ""));
        } else {
            aws.lifecycleActions().heartbeat(group, hook, instance, token);
        }
        return result(action, "");
    }

    /** A group the call may name: Auto Scaling answers ValidationError for a name it does not know. */
    private String existing(String group, String action) {
        try {
            current(group);
            return group;
        } catch (ExternalCallFailed e) {
            throw new Reply.Failure(action, "ValidationError", "AutoScalingGroup name not found - " + group);
        }
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
        String group = seen.names().stream().filter(g -> current(g).instance(instanceId).isPresent()).findFirst()
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

    /**
     * The group's terminations as scaling activities: those the operator asked for "in response to a
     * user request", the group's own (instances leaving otherwise) for its capacity.
     */
    private Reply activities(Map<String, String> form) {
        String group = existing(form.get("AutoScalingGroupName"), "DescribeScalingActivities");
        java.util.Set<String> requested = aws.terminatedByOperator(group);
        java.util.Set<String> all = new TreeSet<>(requested);
        aws.peekGroup(group).instances().stream().filter(i -> i.lifecycle().isLeaving())
                .forEach(i -> all.add(i.instanceId()));
        return result("DescribeScalingActivities", Xml.list("Activities", "member", all, id -> Xml.el("ActivityId",
                AwsStub.requestId()) + Xml.el("AutoScalingGroupName", group)
                + Xml.el("Description", "Terminating EC2 instance: " + id)
                + Xml.el("Cause", requested.contains(id)
                        ? "An instance was taken out of service in response to a user request."
                        : "An instance was taken out of service in response to a difference between desired and "
                        + "actual capacity.")
                + Xml.el("StartTime", "2026-11-27T10:00:00.000Z") + Xml.el("StatusCode", "InProgress")
                + Xml.el("Progress", 0)));
    }

    /** The group as it is, without a call of its own: the mutation that follows is the counted call. */
    private GroupState current(String group) {
        GroupState g = aws.peekGroup(group);
        seen.add(group);
        return g;
    }

    private String group(GroupState g) {
        String template = LaunchTemplates.idOf(g.name());
        String instances = Xml.list("Instances", "member", g.instances(), i -> instance(i, g.weighted()));
        String suspended = Xml.list("SuspendedProcesses", "member", new TreeSet<>(g.suspendedProcesses()),
                p -> Xml.el("ProcessName", p) + Xml.el("SuspensionReason", "User suspended"));
        return Xml.el("AutoScalingGroupName", g.name())
                + Xml.el("AutoScalingGroupARN", ScalingNeighboursApi.groupArn(g.name()))
                + Xml.raw("LaunchTemplate", Xml.el("LaunchTemplateId", template)
                + Xml.el("LaunchTemplateName", LaunchTemplates.nameOf(g.name())) + Xml.el("Version", "$Default"))
                + Xml.list("AvailabilityZones", "member", g.availabilityZones(), z -> Xml.escape(z))
                + Xml.el("MinSize", g.min()) + Xml.el("MaxSize", g.max()) + Xml.el("DesiredCapacity", g.desired())
                + Xml.el("DefaultCooldown", 300) + Xml.el("HealthCheckType", "EC2")
                + Xml.el("HealthCheckGracePeriod", 300) + instances + Xml.el("CreatedTime", "2026-01-01T00:00:00Z")
                + suspended + Xml.list("TerminationPolicies", "member", g.terminationPolicies(), p -> Xml.escape(p))
                + Xml.el("NewInstancesProtectedFromScaleIn", g.newInstancesProtected())
                + (GroupState.UNITS.equals(g.desiredCapacityType()) ? ""
                : Xml.el("DesiredCapacityType", g.desiredCapacityType()));
    }

    /** Weights show only in a weighted group, as WeightedCapacity does on AWS. */
    private static String instance(GroupInstance i, boolean weighted) {
        LaunchTemplates.Ref ref = LaunchTemplates.parse(i.launchRef());
        return Xml.el("InstanceId", i.instanceId()) + Xml.el("InstanceType", "m5.large")
                + Xml.el("AvailabilityZone", i.availabilityZone()) + Xml.el("LifecycleState", lifecycle(i.lifecycle()))
                + Xml.el("HealthStatus", i.healthy() ? "Healthy" : "Unhealthy")
                + Xml.raw("LaunchTemplate", Xml.el("LaunchTemplateId", LaunchTemplates.idOf(ref.group()))
                + Xml.el("LaunchTemplateName", LaunchTemplates.nameOf(ref.group()))
                + Xml.el("Version", ref.version()))
                + Xml.el("ProtectedFromScaleIn", i.protectedFromScaleIn())
                + (weighted ? Xml.el("WeightedCapacity", i.weight()) : "");
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

    static Reply result(String action, String content) {
        return Reply.xml("<" + action + "Response xmlns=\"" + NS + "\"><" + action + "Result>" + content + "</"
                + action + "Result>" + metadata() + "</" + action + "Response>");
    }

    static Reply empty(String action) {
        return Reply.xml("<" + action + "Response xmlns=\"" + NS + "\">" + metadata() + "</" + action + "Response>");
    }

    private static String metadata() {
        return Xml.raw("ResponseMetadata", Xml.el("RequestId", AwsStub.requestId()));
    }
}
