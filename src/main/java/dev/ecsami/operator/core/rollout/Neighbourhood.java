package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.GroupSurroundings.CapacityProvider;
import dev.ecsami.operator.core.fleet.GroupSurroundings.LifecycleHook;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScalingPolicy;
import dev.ecsami.operator.core.fleet.GroupSurroundings.ScheduledAction;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.Finding.Code;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What else moves the group, as pre-flight findings: each names the actor and what the rollout
 * does about it. Pure: the same group and surroundings give the same findings, in the same order.
 * How the group counts its capacity (DesiredCapacityType, instance weights) is checked by
 * {@link Preflight} itself.
 */
public final class Neighbourhood {
    private Neighbourhood() {
    }

    /**
     * @param operatorSuspends          the processes the rollout will suspend (policy suspend-processes)
     * @param allowSharedLaunchTemplate whether a launch template other groups use through $Default or
     *                                  $Latest may be rolled (otherwise that is a blocker)
     */
    public static List<Finding> findings(GroupState group, GroupSurroundings around, Set<String> operatorSuspends,
                                         boolean allowSharedLaunchTemplate) {
        List<Finding> findings = new ArrayList<>();
        around.capacityProvider().ifPresent(cp -> findings.add(capacityProvider(cp)));
        scalingPolicies(around.scalingPolicies(), findings);
        scheduledActions(around.scheduledActions(), findings);
        findings.add(suspensions(group, operatorSuspends));
        lifecycleHooks(around.lifecycleHooks(), findings);
        standby(group, findings);
        protection(group, around, findings);
        sharedLaunchTemplate(around.launchTemplateSharedWith(), allowSharedLaunchTemplate, findings);
        return findings;
    }

    private static Finding capacityProvider(CapacityProvider cp) {
        List<String> parts = new ArrayList<>();
        parts.add(cp.managedScaling()
                ? "managed scaling on (target capacity " + cp.targetCapacityPercent() + "%): ECS keeps setting the "
                + "desired capacity; the rollout follows the current value, never writes back an old one and "
                + "leaves no surge behind"
                : "managed scaling off");
        parts.add(cp.managedTerminationProtection()
                ? "managed termination protection on: ECS sets scale-in protection on instances with tasks, and the "
                + "rollout leaves that protection to ECS (its own terminations are not blocked by it)"
                : "managed termination protection off");
        parts.add(cp.managedDraining()
                ? "managed draining on: ECS completes its " + LifecycleHook.ECS_MANAGED_DRAINING + " itself once "
                + "an instance is drained, at once for an instance the rollout has already drained"
                : "managed draining off");
        return Finding.info(Code.CAPACITY_PROVIDER, "capacity provider " + cp.name() + ": "
                + String.join("; ", parts));
    }

    private static void scalingPolicies(List<ScalingPolicy> policies, List<Finding> findings) {
        if (policies.isEmpty()) {
            return;
        }
        List<ScalingPolicy> enabled = policies.stream().filter(ScalingPolicy::enabled).toList();
        List<ScalingPolicy> disabled = policies.stream().filter(p -> !p.enabled()).toList();
        StringBuilder m = new StringBuilder();
        if (!enabled.isEmpty()) {
            m.append("scaling policies left running: ").append(join(enabled, p -> p.name() + " (" + p.type() + ")"))
                    .append("; they may change the desired capacity during the rollout: the rollout follows the "
                            + "current value, never undoes a scale-out, and protects its replacements from scale-in "
                            + "while it needs them");
        }
        if (!disabled.isEmpty()) {
            m.append(m.isEmpty() ? "" : "; ").append("disabled, no effect: ").append(join(disabled,
                    ScalingPolicy::name));
        }
        findings.add(Finding.info(Code.SCALING_POLICIES, m.toString()));
    }

    private static void scheduledActions(List<ScheduledAction> actions, List<Finding> findings) {
        if (actions.isEmpty()) {
            return;
        }
        findings.add(Finding.info(Code.SCHEDULED_ACTIONS, "scheduled actions left running: "
                + join(actions, Neighbourhood::scheduled) + "; one that runs during the rollout changes the "
                + "group as it would otherwise: the rollout follows the new desired capacity and keeps a max size "
                + "someone else set"));
    }

    private static String scheduled(ScheduledAction a) {
        List<String> sets = new ArrayList<>();
        if (a.desired() != null) {
            sets.add("desired " + a.desired());
        }
        if (a.min() != null) {
            sets.add("min " + a.min());
        }
        if (a.max() != null) {
            sets.add("max " + a.max());
        }
        boolean recurring = a.recurrence() != null && !a.recurrence().isBlank();
        String when = recurring ? "recurrence '" + a.recurrence() + "'" + (a.nextRun() == null ? ""
                : " from " + a.nextRun()) : a.nextRun() == null ? "time unknown" : "runs at " + a.nextRun();
        return a.name() + " (" + when + (sets.isEmpty() ? "" : ", sets " + String.join(", ", sets)) + ")";
    }

    private static Finding suspensions(GroupState group, Set<String> operatorSuspends) {
        if (operatorSuspends.isEmpty()) {
            return Finding.warning(Code.SUSPENDED_PROCESSES, "the rollout suspends no process (suspend-processes is "
                    + "empty): AZ rebalancing may launch and terminate instances without a drain while it runs");
        }
        Set<String> toSuspend = new TreeSet<>(operatorSuspends);
        toSuspend.removeAll(group.suspendedProcesses());
        Set<String> already = new TreeSet<>(operatorSuspends);
        already.retainAll(group.suspendedProcesses());
        StringBuilder m = new StringBuilder();
        if (!toSuspend.isEmpty()) {
            m.append("the rollout suspends ").append(String.join(", ", toSuspend)).append(" before its first "
                    + "launch or termination and resumes exactly those when it ends, however it ends");
        }
        if (!already.isEmpty()) {
            m.append(m.isEmpty() ? "" : "; ").append("already suspended, left suspended at the end: ")
                    .append(String.join(", ", already));
        }
        return Finding.info(Code.SUSPENDED_PROCESSES, m.toString());
    }

    private static void lifecycleHooks(List<LifecycleHook> hooks, List<Finding> findings) {
        if (hooks.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (LifecycleHook h : hooks) {
            if (LifecycleHook.ECS_MANAGED_DRAINING.equals(h.name())) {
                parts.add(h.name() + ": ECS completes it itself after its own drain, at once for an instance the "
                        + "rollout has already drained");
            } else if (h.terminating()) {
                parts.add(h.name() + " (terminating, heartbeat timeout " + DurationText.of(h.heartbeatTimeout())
                        + ", default " + h.defaultResult() + "): each termination waits in Terminating:Wait until "
                        + "the hook completes; the instance no longer counts as serving, and past the heartbeat "
                        + "timeout the rollout pauses naming the hook");
            } else {
                parts.add(h.name() + " (launching, heartbeat timeout " + DurationText.of(h.heartbeatTimeout())
                        + "): replacements wait in Pending:Wait until it completes, within the registration timeout");
            }
        }
        findings.add(Finding.info(Code.LIFECYCLE_HOOKS, "lifecycle hooks: " + String.join("; ", parts)));
    }

    private static void standby(GroupState group, List<Finding> findings) {
        List<String> standby = group.instances().stream().filter(i -> i.lifecycle() == Lifecycle.STANDBY)
                .map(GroupInstance::instanceId).sorted().toList();
        if (!standby.isEmpty()) {
            findings.add(Finding.warning(Code.STANDBY_INSTANCES, "in Standby: " + String.join(", ", standby)
                    + ": the rollout neither drains nor replaces them; if they are still outdated at the end it "
                    + "pauses naming them instead of succeeding: move them out of Standby (ExitStandby), then "
                    + "resume the rollout"));
        }
    }

    private static void protection(GroupState group, GroupSurroundings around, List<Finding> findings) {
        List<String> protectedIds = group.instances().stream()
                .filter(i -> i.protectedFromScaleIn() && !i.lifecycle().isLeaving())
                .map(GroupInstance::instanceId).sorted().toList();
        boolean managed = around.capacityProvider().map(CapacityProvider::managedTerminationProtection)
                .orElse(false);
        if (protectedIds.isEmpty() && !group.newInstancesProtected() && !managed) {
            return;
        }
        StringBuilder m = new StringBuilder();
        if (!protectedIds.isEmpty()) {
            m.append("protected from scale-in: ").append(String.join(", ", protectedIds)).append("; the rollout "
                    + "still drains and replaces the outdated ones (its own terminations are not blocked by "
                    + "scale-in protection) and leaves their protection as it is");
        }
        m.append(m.isEmpty() ? "" : "; ").append(group.newInstancesProtected()
                ? "the group protects every new instance itself, so replacements keep the group's protection"
                : managed ? "ECS managed termination protection sets the replacements' protection, the rollout "
                + "leaves it to ECS"
                : "the rollout protects its replacements from scale-in while it runs and takes that off at the end");
        findings.add(Finding.info(Code.PROTECTED_INSTANCES, m.toString()));
    }

    private static void sharedLaunchTemplate(List<String> others, boolean allowed, List<Finding> findings) {
        if (others.isEmpty()) {
            return;
        }
        String names = String.join(", ", new TreeSet<>(others));
        if (allowed) {
            findings.add(Finding.warning(Code.SHARED_LAUNCH_TEMPLATE, "the launch template is also used through "
                    + "$Default or $Latest by " + names + ": rolling it changes their next launches too "
                    + "(allowed by allow-shared-launch-template)"));
        } else {
            findings.add(Finding.blocker(Code.SHARED_LAUNCH_TEMPLATE, "the launch template is also used through "
                    + "$Default or $Latest by " + names + ": rolling it would change their next launches too; give "
                    + "this group a template of its own, or set allow-shared-launch-template=true to roll anyway"));
        }
    }

    private static <T> String join(List<T> items, Function<T, String> text) {
        return items.stream().map(text).collect(Collectors.joining(", "));
    }
}
