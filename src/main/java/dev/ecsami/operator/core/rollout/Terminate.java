package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.model.Baseline;
import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Terminate the old instance through the group: with surge, decrementing desired capacity (which
 * gives the surge slot back); without, letting the group launch the replacement. An instance that
 * still runs service or standalone tasks is never terminated unless the step was forced.
 */
final class Terminate implements StepHandler {
    /** Beyond a hook's heartbeat timeout, time for Auto Scaling to take the default result. */
    static final Duration HOOK_MARGIN = Duration.ofMinutes(2);

    @Override
    public StepResult advance(InstanceStep step, Tick tick) {
        Optional<GroupInstance> gi = tick.groupInstance(step.instanceId());
        if (gi.isPresent() && gi.get().lifecycle() == Lifecycle.TERMINATING_WAIT) {
            return heldByHook(step, tick);
        }
        if (gi.isEmpty() || gi.get().lifecycle().isLeaving()) {
            tick.event(RolloutEvent.Type.TERMINATED, step.instanceId(), step.forced() ? "terminated (forced)"
                    : step.giveBack() ? "terminated, capacity given back" : "terminated");
            StepPhase next = switch (step.purpose()) {
                case GIVE_BACK -> StepPhase.DONE;
                case REPLACE, REBALANCE -> tick.policy().surge() ? StepPhase.BAKE : StepPhase.AWAIT_REPLACEMENT;
            };
            return new StepResult.Advanced(step.enter(next, tick.now));
        }
        Optional<ContainerInstance> ci = tick.containerInstance(step.instanceId());
        if (!step.forced() && ci.isPresent() && holdsWork(ci.get())) {
            tick.event(RolloutEvent.Type.DRAIN_STARTED, step.instanceId(), "tasks are running on it again; "
                    + "draining again before terminating");
            return new StepResult.Advanced(step.enter(StepPhase.DRAIN, tick.now));
        }
        boolean decrement = step.purpose() == InstanceStep.Purpose.GIVE_BACK
                || step.purpose() != InstanceStep.Purpose.GIVE_BACK && tick.policy().surge();
        tick.mutate(new Mutation.Terminate(tick.group(), step.instanceId(), decrement));
        return new StepResult.Waiting(step);
    }

    /**
     * A terminating lifecycle hook holds the instance in Terminating:Wait; it no longer serves. The
     * rollout waits for it to go, up to the longest heartbeat timeout of the group's terminating
     * hooks and a margin, then pauses naming the hooks.
     */
    private static StepResult heldByHook(InstanceStep step, Tick tick) {
        List<Baseline.Hook> hooks = tick.baseline().terminatingHooks();
        Duration wait = (hooks.isEmpty() ? BaselineCapture.DEFAULT_HEARTBEAT : tick.baseline().longestHookWait())
                .plus(HOOK_MARGIN);
        if (!tick.elapsed(step.phaseSince(), wait)) {
            return new StepResult.Waiting(step);
        }
        String names = hooks.isEmpty() ? "a terminating lifecycle hook"
                : "lifecycle hook " + hooks.stream().map(h -> h.name() + " (heartbeat timeout "
                + DurationText.of(h.heartbeatTimeout()) + ")").collect(Collectors.joining(", "));
        return new StepResult.Paused(step, step.instanceId() + " has waited in Terminating:Wait for "
                + DurationText.of(wait) + ", held by " + names + ": complete the lifecycle action "
                + "(aws autoscaling complete-lifecycle-action) or fix what should complete it, then resume");
    }

    private static boolean holdsWork(ContainerInstance ci) {
        if (ci.status() == ContainerInstance.Status.ACTIVE) {
            return true;
        }
        return !ci.tasksKnown() || ci.blockingTasks() > 0;
    }
}
