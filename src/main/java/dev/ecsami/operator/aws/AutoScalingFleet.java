package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.port.Fleet;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.Activity;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.SuspendedProcess;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * {@link Fleet} over EC2 Auto Scaling. A read costs two calls: DescribeAutoScalingGroups and one
 * DescribeLaunchTemplateVersions or DescribeLaunchConfigurations.
 */
public final class AutoScalingFleet implements Fleet {
    private static final Logger LOG = Logger.getLogger(AutoScalingFleet.class);
    static final int ACTIVITIES_READ = 100;
    private static final String TERMINATING = "Terminating EC2 instance: ";

    private final AutoScalingClient asg;
    private final LaunchSpecReader specs;
    /** Max size seen by the last read of each group, to pick the narrower call in setCapacity. */
    private final Map<String, Integer> lastMax = new ConcurrentHashMap<>();
    private final Set<String> reportedSsmRefs = ConcurrentHashMap.newKeySet();

    public AutoScalingFleet(AutoScalingClient asg, Ec2Client ec2) {
        this.asg = asg;
        this.specs = new LaunchSpecReader(asg, ec2);
    }

    @Override
    public GroupState describe(String group) {
        AutoScalingGroup g = specs.group(group);
        LaunchSpec spec = specs.of(g);
        lastMax.put(group, g.maxSize());
        return new GroupState(g.autoScalingGroupName(), g.desiredCapacity(), g.minSize(), g.maxSize(), spec.ref(),
                launchImageId(group, spec),
                g.instances().stream().map(AutoScalingFleet::instance).toList(),
                g.suspendedProcesses().stream().map(SuspendedProcess::processName).collect(Collectors.toSet()),
                g.desiredCapacityType(), Boolean.TRUE.equals(g.newInstancesProtectedFromScaleIn()),
                g.terminationPolicies(), g.availabilityZones());
    }

    /**
     * Only the desired capacity changes: SetDesiredCapacity. The max changes too (or is unknown):
     * one UpdateAutoScalingGroup with both, so they never pass through an invalid combination.
     */
    @Override
    public void setCapacity(String group, int desired, int max) {
        Integer known = lastMax.get(group);
        if (known != null && known == max) {
            AwsCalls.call("SetDesiredCapacity", () -> asg.setDesiredCapacity(r -> r.autoScalingGroupName(group)
                    .desiredCapacity(desired).honorCooldown(false)));
        } else {
            AwsCalls.call("UpdateAutoScalingGroup", () -> asg.updateAutoScalingGroup(r -> r
                    .autoScalingGroupName(group).desiredCapacity(desired).maxSize(max)));
            lastMax.put(group, max);
        }
    }

    /**
     * DescribeScalingActivities, most recent first, one page of {@value #ACTIVITIES_READ}: a
     * termination asked for through the API is an activity "Terminating EC2 instance: id" whose cause
     * says it was "in response to a user request"; the group's own say "a difference between desired
     * and actual capacity", "an unhealthy instance" and the like.
     */
    @Override
    public Set<String> terminatedOnRequest(String group, Set<String> instanceIds) {
        List<Activity> activities = AwsCalls.call("DescribeScalingActivities", () -> asg.describeScalingActivities(
                r -> r.autoScalingGroupName(group).maxRecords(ACTIVITIES_READ))).activities();
        Set<String> requested = new HashSet<>();
        for (Activity a : activities) {
            String description = a.description() == null ? "" : a.description();
            String cause = a.cause() == null ? "" : a.cause();
            for (String id : instanceIds) {
                if (description.startsWith(TERMINATING) && description.endsWith(id)
                        && cause.contains("in response to a user request")) {
                    requested.add(id);
                }
            }
        }
        return requested;
    }

    /** The API names only the instance; Auto Scaling acts on whichever group it belongs to. */
    @Override
    public void terminate(String group, String instanceId, boolean decrementDesiredCapacity) {
        AwsCalls.call("TerminateInstanceInAutoScalingGroup", () -> asg.terminateInstanceInAutoScalingGroup(r -> r
                .instanceId(instanceId).shouldDecrementDesiredCapacity(decrementDesiredCapacity)));
    }

    /** SuspendProcesses with the named processes only; the others keep their state. */
    @Override
    public void suspendProcesses(String group, Set<String> processes) {
        AwsCalls.call("SuspendProcesses", () -> asg.suspendProcesses(r -> r.autoScalingGroupName(group)
                .scalingProcesses(processes)));
    }

    /** ResumeProcesses with the named processes only: an empty list would resume every process. */
    @Override
    public void resumeProcesses(String group, Set<String> processes) {
        if (processes.isEmpty()) {
            return;
        }
        AwsCalls.call("ResumeProcesses", () -> asg.resumeProcesses(r -> r.autoScalingGroupName(group)
                .scalingProcesses(processes)));
    }

    /** SetInstanceProtection takes at most 50 instance ids per call. */
    @Override
    public void setInstanceProtection(String group, List<String> instanceIds, boolean protect) {
        for (int from = 0; from < instanceIds.size(); from += 50) {
            List<String> batch = instanceIds.subList(from, Math.min(instanceIds.size(), from + 50));
            AwsCalls.call("SetInstanceProtection", () -> asg.setInstanceProtection(r -> r
                    .autoScalingGroupName(group).instanceIds(batch).protectedFromScaleIn(protect)));
        }
    }

    private String launchImageId(String group, LaunchSpec spec) {
        if (!spec.imageResolvedAtLaunch()) {
            return spec.imageId();
        }
        if (reportedSsmRefs.add(spec.ref())) {
            LOG.infof("group %s launches from %s whose ImageId is %s: EC2 resolves the AMI at launch, so the "
                    + "operator relies on each container instance's ecs.ami-id attribute", group, spec.ref(),
                    spec.imageId());
        }
        return "";
    }

    static GroupInstance instance(Instance i) {
        return new GroupInstance(i.instanceId(), i.availabilityZone(), lifecycle(i.lifecycleStateAsString()),
                launchRef(i), "Healthy".equalsIgnoreCase(i.healthStatus()),
                Boolean.TRUE.equals(i.protectedFromScaleIn()), weight(i.weightedCapacity()));
    }

    /** WeightedCapacity is a string of 1 to 999; absent without weights. */
    static int weight(String weightedCapacity) {
        if (weightedCapacity == null || weightedCapacity.isBlank()) {
            return 1;
        }
        try {
            return Integer.parseInt(weightedCapacity.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Same format as the group's ref. An instance reported with a symbolic version ($Default,
     * $Latest) gets "" (unknown) rather than a ref that can never equal the group's resolved one.
     */
    static String launchRef(Instance i) {
        if (i.launchConfigurationName() != null) {
            return i.launchConfigurationName();
        }
        if (i.launchTemplate() != null && i.launchTemplate().launchTemplateId() != null
                && i.launchTemplate().version() != null && i.launchTemplate().version().matches("\\d+")) {
            return LaunchSpec.Template.ref(i.launchTemplate().launchTemplateId(),
                    Long.parseLong(i.launchTemplate().version()));
        }
        return "";
    }

    static Lifecycle lifecycle(String state) {
        if (state == null) {
            return Lifecycle.OTHER;
        }
        if (state.equals("InService")) {
            return Lifecycle.IN_SERVICE;
        }
        if (state.startsWith("Pending")) {
            return Lifecycle.PENDING;
        }
        if (state.equals("Terminated") || state.equals("Warmed:Terminated")) {
            return Lifecycle.TERMINATED;
        }
        if (state.equals("Terminating:Wait") || state.equals("Warmed:Terminating:Wait")) {
            return Lifecycle.TERMINATING_WAIT;
        }
        if (state.startsWith("Terminating") || state.startsWith("Warmed:Terminating")) {
            return Lifecycle.TERMINATING;
        }
        if (state.startsWith("Warmed")) {
            return Lifecycle.PENDING;
        }
        if (state.equals("Standby") || state.equals("EnteringStandby")) {
            return Lifecycle.STANDBY;
        }
        return Lifecycle.OTHER;
    }
}
