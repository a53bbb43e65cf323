package dev.ecsami.operator.aws;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Auto Scaling (Query, XML) and EC2 bodies shaped like the examples of their API references.
 * Builders return XML fragments; {@link AwsStub#asg} and {@link AwsStub#ec2} wrap them.
 */
final class AsgFixtures {
    static final String GROUP = "ecs-prod";
    static final String TEMPLATE = "lt-0123456789abcdef0";
    static final String OLD_AMI = "ami-0aaaaaaaaaaaaaaaa";
    static final String NEW_AMI = "ami-0bbbbbbbbbbbbbbbb";

    private AsgFixtures() {
    }

    static String members(String... members) {
        return Arrays.stream(members).map(m -> "<member>" + m + "</member>").collect(Collectors.joining());
    }

    static String items(String... items) {
        return Arrays.stream(items).map(i -> "<item>" + i + "</item>").collect(Collectors.joining());
    }

    static String templateSpec(String version) {
        return "<LaunchTemplateId>" + TEMPLATE + "</LaunchTemplateId><LaunchTemplateName>ecs-prod-nodes"
                + "</LaunchTemplateName>" + (version == null ? "" : "<Version>" + version + "</Version>");
    }

    static String launchTemplate(String version) {
        return "<LaunchTemplate>" + templateSpec(version) + "</LaunchTemplate>";
    }

    static String launchConfiguration(String name) {
        return "<LaunchConfigurationName>" + name + "</LaunchConfigurationName>";
    }

    static String mixedInstancesPolicy(String version, String overrides) {
        return "<MixedInstancesPolicy><LaunchTemplate><LaunchTemplateSpecification>" + templateSpec(version)
                + "</LaunchTemplateSpecification><Overrides>" + overrides + "</Overrides></LaunchTemplate>"
                + "<InstancesDistribution><OnDemandAllocationStrategy>prioritized</OnDemandAllocationStrategy>"
                + "<OnDemandBaseCapacity>1</OnDemandBaseCapacity><OnDemandPercentageAboveBaseCapacity>50"
                + "</OnDemandPercentageAboveBaseCapacity><SpotAllocationStrategy>price-capacity-optimized"
                + "</SpotAllocationStrategy></InstancesDistribution></MixedInstancesPolicy>";
    }

    static String instance(String id, String zone, String lifecycle, String health, String launchSpec) {
        return instance(id, zone, lifecycle, health, launchSpec, false, null);
    }

    /** An instance of a group with weights (WeightedCapacity, absent when null) and scale-in protection. */
    static String instance(String id, String zone, String lifecycle, String health, String launchSpec,
                           boolean protectedFromScaleIn, String weightedCapacity) {
        return "<InstanceId>" + id + "</InstanceId><InstanceType>m5.large</InstanceType><AvailabilityZone>" + zone
                + "</AvailabilityZone><LifecycleState>" + lifecycle + "</LifecycleState><HealthStatus>" + health
                + "</HealthStatus>" + launchSpec + "<ProtectedFromScaleIn>" + protectedFromScaleIn
                + "</ProtectedFromScaleIn>" + (weightedCapacity == null ? ""
                : "<WeightedCapacity>" + weightedCapacity + "</WeightedCapacity>");
    }

    static String group(String name, int min, int max, int desired, String launchSpec, String instances,
                        String suspended) {
        return "<AutoScalingGroupName>" + name + "</AutoScalingGroupName><AutoScalingGroupARN>"
                + "arn:aws:autoscaling:us-east-1:012345678910:autoScalingGroup:930d940e-891e-4781-a11a-7b0acd480f03:"
                + "autoScalingGroupName/" + name + "</AutoScalingGroupARN>" + launchSpec
                + "<MinSize>" + min + "</MinSize><MaxSize>" + max + "</MaxSize><DesiredCapacity>" + desired
                + "</DesiredCapacity><DefaultCooldown>300</DefaultCooldown><AvailabilityZones>"
                + members("us-east-1a", "us-east-1b") + "</AvailabilityZones><LoadBalancerNames/><TargetGroupARNs/>"
                + "<HealthCheckType>EC2</HealthCheckType><HealthCheckGracePeriod>300</HealthCheckGracePeriod>"
                + "<Instances>" + instances + "</Instances><CreatedTime>2024-03-01T10:15:30.123Z</CreatedTime>"
                + "<SuspendedProcesses>" + suspended + "</SuspendedProcesses>"
                + "<VPCZoneIdentifier>subnet-0a1b2c3d,subnet-4e5f6a7b</VPCZoneIdentifier><EnabledMetrics/>"
                + "<Tags>" + members("<ResourceId>" + name + "</ResourceId><ResourceType>auto-scaling-group"
                + "</ResourceType><Key>ecs-ami-operator/managed</Key><Value>true</Value><PropagateAtLaunch>false"
                + "</PropagateAtLaunch>") + "</Tags>"
                + "<TerminationPolicies>" + members("Default") + "</TerminationPolicies>"
                + "<NewInstancesProtectedFromScaleIn>false</NewInstancesProtectedFromScaleIn>"
                + "<ServiceLinkedRoleARN>arn:aws:iam::012345678910:role/aws-service-role/autoscaling.amazonaws.com/"
                + "AWSServiceRoleForAutoScaling</ServiceLinkedRoleARN><CapacityRebalance>false</CapacityRebalance>";
    }

    /**
     * The group with other capacity settings: DesiredCapacityType (left out when null, as for groups
     * that never set it), NewInstancesProtectedFromScaleIn and TerminationPolicies.
     */
    static String withCapacitySettings(String group, String desiredCapacityType, boolean newInstancesProtected,
                                       String... terminationPolicies) {
        return group.replace("<TerminationPolicies>" + members("Default") + "</TerminationPolicies>",
                        "<TerminationPolicies>" + members(terminationPolicies) + "</TerminationPolicies>")
                .replace("<NewInstancesProtectedFromScaleIn>false</NewInstancesProtectedFromScaleIn>",
                        "<NewInstancesProtectedFromScaleIn>" + newInstancesProtected
                                + "</NewInstancesProtectedFromScaleIn>" + (desiredCapacityType == null ? ""
                                : "<DesiredCapacityType>" + desiredCapacityType + "</DesiredCapacityType>"));
    }

    static String groups(String... groups) {
        return "<AutoScalingGroups>" + members(groups) + "</AutoScalingGroups>";
    }

    static String suspended(String process) {
        return "<member><ProcessName>" + process + "</ProcessName><SuspensionReason>User suspended at "
                + "2024-05-01T09:00:00Z</SuspensionReason></member>";
    }

    /** A launch template version in EC2's XML. */
    static String templateVersion(long number, boolean isDefault, String imageId, String description,
                                  String extraData) {
        return "<createTime>2024-03-01T10:00:00.000Z</createTime><createdBy>arn:aws:iam::012345678910:role/admin"
                + "</createdBy><defaultVersion>" + isDefault + "</defaultVersion><launchTemplateData>"
                + "<iamInstanceProfile><arn>arn:aws:iam::012345678910:instance-profile/ecsInstanceRole</arn>"
                + "</iamInstanceProfile><imageId>" + imageId + "</imageId><instanceType>m5.large</instanceType>"
                + "<securityGroupIdSet><item>sg-0123456789abcdef0</item></securityGroupIdSet>"
                + "<userData>IyEvYmluL2Jhc2gKZWNobyBFQ1NfQ0xVU1RFUj1wcm9kdWN0aW9uID4+IC9ldGMvZWNzL2Vjcy5jb25maWc="
                + "</userData>" + extraData + "</launchTemplateData><launchTemplateId>" + TEMPLATE
                + "</launchTemplateId><launchTemplateName>ecs-prod-nodes</launchTemplateName>"
                + (description == null ? "" : "<versionDescription>" + description + "</versionDescription>")
                + "<versionNumber>" + number + "</versionNumber>";
    }

    static String templateVersions(String nextToken, String... versions) {
        return "<launchTemplateVersionSet>" + items(versions) + "</launchTemplateVersionSet>"
                + (nextToken == null ? "" : "<nextToken>" + nextToken + "</nextToken>");
    }

    static String rootVolume(String device, String snapshot, int size) {
        return "<item><deviceName>" + device + "</deviceName><ebs><deleteOnTermination>true</deleteOnTermination>"
                + "<encrypted>true</encrypted>" + (snapshot == null ? "" : "<snapshotId>" + snapshot + "</snapshotId>")
                + "<volumeSize>" + size + "</volumeSize><volumeType>gp3</volumeType><throughput>125</throughput>"
                + "</ebs></item>";
    }

    /** An image in EC2's DescribeImages XML. */
    static String image(String id, String name, String architecture, String state, String rootSnapshot) {
        return "<imageId>" + id + "</imageId><imageLocation>amazon/" + name + "</imageLocation><imageState>" + state
                + "</imageState><imageOwnerId>591542846629</imageOwnerId><creationDate>2025-01-10T00:00:00.000Z"
                + "</creationDate><isPublic>true</isPublic><architecture>" + architecture + "</architecture>"
                + "<imageType>machine</imageType><name>" + name + "</name><imageOwnerAlias>amazon</imageOwnerAlias>"
                + "<rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping>"
                + "<item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>" + rootSnapshot + "</snapshotId>"
                + "<volumeSize>30</volumeSize><deleteOnTermination>true</deleteOnTermination><volumeType>gp3"
                + "</volumeType><encrypted>false</encrypted></ebs></item></blockDeviceMapping>"
                + "<virtualizationType>hvm</virtualizationType><hypervisor>xen</hypervisor><enaSupport>true"
                + "</enaSupport><bootMode>uefi-preferred</bootMode>";
    }

    static String images(String... images) {
        return "<imagesSet>" + items(images) + "</imagesSet>";
    }
    static String groupArn(String name) {
        return "arn:aws:autoscaling:us-east-1:012345678910:autoScalingGroup:930d940e-891e-4781-a11a-7b0acd480f03:"
                + "autoScalingGroupName/" + name;
    }

    /** A scaling policy as DescribePolicies lists it; target tracking ones keep average CPU at 50%. */
    static String policy(String name, String type, boolean enabled) {
        String config = type.equals("TargetTrackingScaling") ? "<TargetTrackingConfiguration>"
                + "<PredefinedMetricSpecification><PredefinedMetricType>ASGAverageCPUUtilization"
                + "</PredefinedMetricType></PredefinedMetricSpecification><TargetValue>50.0</TargetValue>"
                + "<DisableScaleIn>false</DisableScaleIn></TargetTrackingConfiguration>"
                : "<AdjustmentType>ChangeInCapacity</AdjustmentType><StepAdjustments>" + members(
                "<MetricIntervalLowerBound>0.0</MetricIntervalLowerBound><ScalingAdjustment>1</ScalingAdjustment>")
                + "</StepAdjustments>";
        return "<AutoScalingGroupName>" + GROUP + "</AutoScalingGroupName><PolicyName>" + name + "</PolicyName>"
                + "<PolicyARN>arn:aws:autoscaling:us-east-1:012345678910:scalingPolicy:2233f3d7-6290-403b-b632-"
                + "93c553560106:autoScalingGroupName/" + GROUP + ":policyName/" + name + "</PolicyARN><PolicyType>"
                + type + "</PolicyType>" + config + "<Alarms>" + members("<AlarmName>TargetTracking-" + GROUP
                + "-AlarmHigh</AlarmName><AlarmARN>arn:aws:cloudwatch:us-east-1:012345678910:alarm:TargetTracking-"
                + GROUP + "-AlarmHigh</AlarmARN>") + "</Alarms><Enabled>" + enabled + "</Enabled>";
    }

    static String policies(String nextToken, String... policies) {
        return "<ScalingPolicies>" + members(policies) + "</ScalingPolicies>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>");
    }

    /** A scheduled action; recurrence, min, max and desired may be null (left out, as AWS does). */
    static String scheduledAction(String name, String startTime, String recurrence, Integer min, Integer max,
                                  Integer desired) {
        return "<AutoScalingGroupName>" + GROUP + "</AutoScalingGroupName><ScheduledActionName>" + name
                + "</ScheduledActionName><ScheduledActionARN>arn:aws:autoscaling:us-east-1:012345678910:"
                + "scheduledUpdateGroupAction:8e86b655-b2e6-4410-8f29-b4f094d6871c:autoScalingGroupName/" + GROUP
                + ":scheduledActionName/" + name + "</ScheduledActionARN><Time>" + startTime + "</Time><StartTime>"
                + startTime + "</StartTime>" + optional("Recurrence", recurrence) + optional("MinSize", min)
                + optional("MaxSize", max) + optional("DesiredCapacity", desired)
                + (recurrence == null ? "" : "<TimeZone>Etc/UTC</TimeZone>");
    }

    static String scheduledActions(String nextToken, String... actions) {
        return "<ScheduledUpdateGroupActions>" + members(actions) + "</ScheduledUpdateGroupActions>"
                + (nextToken == null ? "" : "<NextToken>" + nextToken + "</NextToken>");
    }

    static String lifecycleHook(String name, String transition, int heartbeatSeconds, String defaultResult) {
        return "<LifecycleHookName>" + name + "</LifecycleHookName><AutoScalingGroupName>" + GROUP
                + "</AutoScalingGroupName><LifecycleTransition>" + transition + "</LifecycleTransition>"
                + "<HeartbeatTimeout>" + heartbeatSeconds + "</HeartbeatTimeout><GlobalTimeout>"
                + heartbeatSeconds * 100 + "</GlobalTimeout><DefaultResult>" + defaultResult + "</DefaultResult>";
    }

    private static String optional(String element, Object value) {
        return value == null ? "" : "<" + element + ">" + value + "</" + element + ">";
    }
}
