package dev.ecsami.operator.core.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What else moves a group's capacity or its instances, read at pre-flight and when the baseline is
 * captured (not every tick: these change rarely and cost several calls).
 *
 * @param scalingPolicies          the group's scaling policies (target tracking, step, simple, predictive)
 * @param scheduledActions         the group's scheduled actions
 * @param lifecycleHooks           the group's lifecycle hooks, launching and terminating
 * @param capacityProvider         the ECS capacity provider of this cluster whose group this is, if any
 * @param launchTemplateSharedWith other groups that launch from the same launch template through
 *                                 {@code $Default} or {@code $Latest}, whose next launches a roll changes too
 */
public record GroupSurroundings(List<ScalingPolicy> scalingPolicies, List<ScheduledAction> scheduledActions,
                                List<LifecycleHook> lifecycleHooks, Optional<CapacityProvider> capacityProvider,
                                List<String> launchTemplateSharedWith) {

    public static final GroupSurroundings NONE =
            new GroupSurroundings(List.of(), List.of(), List.of(), Optional.empty(), List.of());

    public GroupSurroundings {
        scalingPolicies = List.copyOf(scalingPolicies);
        scheduledActions = List.copyOf(scheduledActions);
        lifecycleHooks = List.copyOf(lifecycleHooks);
        launchTemplateSharedWith = List.copyOf(launchTemplateSharedWith);
    }

    public List<LifecycleHook> terminatingHooks() {
        return lifecycleHooks.stream().filter(LifecycleHook::terminating).toList();
    }

    /** @param type TargetTrackingScaling, StepScaling, SimpleScaling or PredictiveScaling */
    public record ScalingPolicy(String name, String type, boolean enabled) {
    }

    /** @param nextRun when it next runs, if known; null values mean the action leaves that field alone */
    public record ScheduledAction(String name, Instant nextRun, String recurrence, Integer desired, Integer min,
                                  Integer max) {
    }

    /**
     * @param transition       autoscaling:EC2_INSTANCE_TERMINATING or autoscaling:EC2_INSTANCE_LAUNCHING
     * @param heartbeatTimeout how long the instance waits in the hook's state without a heartbeat
     * @param defaultResult    CONTINUE or ABANDON, taken when the timeout runs out
     */
    public record LifecycleHook(String name, String transition, Duration heartbeatTimeout, String defaultResult) {
        public static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";
        public static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";
        /** The hook ECS managed instance draining adds to the group, and completes itself. */
        public static final String ECS_MANAGED_DRAINING = "ecs-managed-draining-termination-hook";

        public boolean terminating() {
            return TERMINATING.equals(transition);
        }
    }

    /**
     * @param managedScaling               ECS adjusts the group's desired capacity to its target capacity
     * @param targetCapacityPercent        the managed scaling target, when managed scaling is on
     * @param managedTerminationProtection ECS protects instances with non-daemon tasks from scale-in
     * @param managedDraining              ECS drains instances that the group terminates (managed instance draining)
     */
    public record CapacityProvider(String name, boolean managedScaling, int targetCapacityPercent,
                                   boolean managedTerminationProtection, boolean managedDraining) {
    }
}
