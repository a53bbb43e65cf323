package dev.ecsami.operator.api;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.Trigger;
import dev.ecsami.operator.core.rollout.Plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Response bodies of the API that are not domain records themselves. */
public final class Views {
    private Views() {
    }

    /** One line of GET /api/rollouts. */
    public record RolloutSummary(String id, String target, String cluster, String autoScalingGroup,
                                 RolloutState state, String reason, AmiRef fromAmi, AmiRef toAmi, Trigger trigger,
                                 long replaced, int inFlight, Instant createdAt, Instant updatedAt,
                                 Instant finishedAt) {
        static RolloutSummary of(Rollout r) {
            return new RolloutSummary(r.id(), r.target(), r.cluster(), r.autoScalingGroup(), r.state(), r.reason(),
                    r.fromAmi(), r.toAmi(), r.trigger(), r.replacedCount(), r.inFlight().size(), r.createdAt(),
                    r.updatedAt(), r.finishedAt());
        }
    }

    public record Page<T>(List<T> items, int total, int offset, Integer nextOffset) {
    }

    public record Instances(int total, int outdated, int draining) {
    }

    public record ActiveRollout(String id, RolloutState state) {
    }

    /**
     * One target of GET /api/targets. When AWS could not be read for it, {@code error} says why
     * and the observed fields are null. {@code findings} say what a rollout would do about the
     * other actors in {@code surroundings}.
     *
     * @param leader     the replica that drives the target's rollouts, or null while none leads
     * @param answeredBy the replica that answered
     */
    public record Target(String name, String cluster, String autoScalingGroup, String amiSource,
                         OnNewAmi onNewAmi, RolloutPolicy policy, AmiRef currentAmi, AmiRef latestAmi,
                         Instances instances, ActiveRollout activeRollout, Surroundings surroundings,
                         List<Finding> findings, String error, String leader, String answeredBy) {
    }

    /** POST /api/targets/{name}/plan: the plan, with the surroundings its findings speak of. */
    public record PlannedRollout(String target, AmiRef from, AmiRef to, RolloutPolicy policy,
                                 List<Plan.PlannedInstance> instances, List<Finding> findings, Duration estimate,
                                 boolean blocked, Surroundings surroundings) {
        static PlannedRollout of(Plan plan, Surroundings surroundings) {
            return new PlannedRollout(plan.target(), plan.from(), plan.to(), plan.policy(), plan.instances(),
                    plan.findings(), plan.estimate(), plan.blocked(), surroundings);
        }
    }

    /**
     * What else acts on a target's group, as read: ECS capacity provider (null without one), scaling
     * policies, scheduled actions, lifecycle hooks, the processes suspended now and those a rollout
     * would suspend (and resume at its end), how capacity is counted, instances in Standby or
     * protected from scale-in, and the other groups that launch from the same template through
     * $Default or $Latest.
     */
    public record Surroundings(GroupSurroundings.CapacityProvider capacityProvider,
                               List<GroupSurroundings.ScalingPolicy> scalingPolicies,
                               List<GroupSurroundings.ScheduledAction> scheduledActions,
                               List<GroupSurroundings.LifecycleHook> lifecycleHooks,
                               Set<String> suspendedProcesses, Set<String> rolloutSuspends,
                               String desiredCapacityType, Map<String, Integer> instanceWeights,
                               List<String> standbyInstances, List<String> protectedInstances,
                               boolean newInstancesProtected, List<String> terminationPolicies,
                               List<String> launchTemplateSharedWith) {

        static Surroundings of(GroupState group, GroupSurroundings around, RolloutPolicy policy) {
            Set<String> rolloutSuspends = new TreeSet<>(policy.suspendProcesses());
            rolloutSuspends.removeAll(group.suspendedProcesses());
            Map<String, Integer> weights = new TreeMap<>();
            if (group.weighted()) {
                group.instances().forEach(i -> weights.put(i.instanceId(), i.weight()));
            }
            return new Surroundings(around.capacityProvider().orElse(null), around.scalingPolicies(),
                    around.scheduledActions(), around.lifecycleHooks(), new TreeSet<>(group.suspendedProcesses()),
                    rolloutSuspends, group.desiredCapacityType(), weights,
                    ids(group, i -> i.lifecycle() == Lifecycle.STANDBY),
                    ids(group, i -> i.protectedFromScaleIn() && !i.lifecycle().isLeaving()),
                    group.newInstancesProtected(), group.terminationPolicies(), around.launchTemplateSharedWith());
        }

        private static List<String> ids(GroupState group, Predicate<GroupInstance> which) {
            return group.instances().stream().filter(which).map(GroupInstance::instanceId).sorted().toList();
        }
    }
}
