package dev.ecsami.operator.aws;

import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.GroupSurroundings.LifecycleHook;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScalingPolicy;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScheduledAction;
import dev.ecsami.operator.core.port.GroupNeighbours;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribePoliciesResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeScheduledActionsResponse;
import software.amazon.awssdk.services.ecs.EcsClient;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link GroupNeighbours} over EC2 Auto Scaling and ECS. Read at pre-flight, at the baseline and for
 * the plan, never every tick: about five calls for a group with few policies and schedules, plus one
 * DescribeAutoScalingGroups per 100 groups of the account for the shared-template check.
 *
 * <p>Request and response shapes follow the API references: Amazon EC2 Auto Scaling API Reference,
 * DescribePolicies (MaxRecords up to 100, NextToken), DescribeScheduledActions (MaxRecords up to 100,
 * NextToken; the actions that have not run or not reached their end time, with StartTime and, for a
 * recurring one, its Recurrence), DescribeLifecycleHooks (not paginated: a
 * group has at most 50 hooks), DescribeAutoScalingGroups (MaxRecords up to 100, NextToken); Amazon ECS
 * API Reference, DescribeClusters (the cluster's capacityProviders names) and DescribeCapacityProviders
 * (maxResults up to 10, nextToken; autoScalingGroupProvider.autoScalingGroupArn is "the ARN that
 * identifies the Auto Scaling group, or the Auto Scaling group name").
 */
public final class AwsGroupNeighbours implements GroupNeighbours {
    static final int PAGE = 100;

    private final AutoScalingClient asg;
    private final EcsCapacityProviders capacityProviders;

    public AwsGroupNeighbours(AutoScalingClient asg, EcsClient ecs) {
        this.asg = asg;
        this.capacityProviders = new EcsCapacityProviders(ecs);
    }

    @Override
    public GroupSurroundings read(String group, String cluster) {
        return new GroupSurroundings(policies(group), scheduledActions(group), hooks(group),
                capacityProviders.of(group, cluster), sharedTemplate(group));
    }

    private List<ScalingPolicy> policies(String group) {
        return AwsCalls.allPages("DescribePolicies", token -> asg.describePolicies(r -> r.autoScalingGroupName(group)
                        .maxRecords(PAGE).nextToken(token)), DescribePoliciesResponse::scalingPolicies,
                DescribePoliciesResponse::nextToken).stream()
                .map(p -> new ScalingPolicy(p.policyName(), p.policyType(), !Boolean.FALSE.equals(p.enabled())))
                .toList();
    }

    private List<ScheduledAction> scheduledActions(String group) {
        return AwsCalls.allPages("DescribeScheduledActions", token -> asg.describeScheduledActions(r -> r
                                .autoScalingGroupName(group).maxRecords(PAGE).nextToken(token)),
                        DescribeScheduledActionsResponse::scheduledUpdateGroupActions,
                        DescribeScheduledActionsResponse::nextToken).stream()
                .map(a -> new ScheduledAction(a.scheduledActionName(), a.startTime(), a.recurrence(),
                        a.desiredCapacity(), a.minSize(), a.maxSize()))
                .toList();
    }

    private List<LifecycleHook> hooks(String group) {
        return AwsCalls.call("DescribeLifecycleHooks", () -> asg.describeLifecycleHooks(r -> r
                        .autoScalingGroupName(group))).lifecycleHooks().stream()
                .map(h -> new LifecycleHook(h.lifecycleHookName(), h.lifecycleTransition(),
                        Duration.ofSeconds(h.heartbeatTimeout() == null ? 0 : h.heartbeatTimeout()),
                        h.defaultResult()))
                .toList();
    }

    /** Every group of the account, paged, to find the others that follow this group's template. */
    private List<String> sharedTemplate(String group) {
        List<SharedTemplates.Member> members = AwsCalls.allPages("DescribeAutoScalingGroups",
                        token -> asg.describeAutoScalingGroups(r -> r.maxRecords(PAGE).nextToken(token)),
                        DescribeAutoScalingGroupsResponse::autoScalingGroups,
                        DescribeAutoScalingGroupsResponse::nextToken).stream()
                .map(SharedTemplates::member).flatMap(Optional::stream).toList();
        return SharedTemplates.sharingWith(group, members);
    }
}
