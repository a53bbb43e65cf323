package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.LifecycleActions;

import java.util.function.BiConsumer;

/** The lifecycle actions of simulated groups: a heartbeat extends a pending hook, a completion ends it. */
final class SimLifecycleActions implements LifecycleActions {
    private final SimWorld world;
    private final SimViews views;
    private final SimCalls calls;

    SimLifecycleActions(SimWorld world, SimViews views, SimCalls calls) {
        this.world = world;
        this.views = views;
        this.calls = calls;
    }

    @Override
    public void heartbeat(String group, String hookName, String instanceId, String token) {
        synchronized (world) {
            calls.enter("RecordLifecycleActionHeartbeat");
            world.advance();
            onPendingHook(group, hookName, instanceId, token, "RecordLifecycleActionHeartbeat",
                    (i, hook) -> world.terminations.heartbeat(i, hook, world.now()));
            world.log.mutation(world.now(), "Heartbeat", instanceId + " " + hookName);
        }
    }

    @Override
    public void complete(String group, String hookName, String instanceId, String token, String result) {
        synchronized (world) {
            calls.enter("CompleteLifecycleAction");
            if (!"CONTINUE".equals(result) && !"ABANDON".equals(result)) {
                throw new ExternalCallFailed("CompleteLifecycleAction", "ValidationError",
                        "LifecycleActionResult must be CONTINUE or ABANDON but was " + result, false);
            }
            world.advance();
            onPendingHook(group, hookName, instanceId, token, "CompleteLifecycleAction",
                    (i, hook) -> world.terminations.complete(i, hook, world.now()));
            world.log.mutation(world.now(), "CompleteLifecycleAction", instanceId + " " + hookName + " " + result);
            world.advance();
        }
    }

    /** Acts on the instance's pending hook; a missing group, instance or hook, or a wrong token, fails the call. */
    private void onPendingHook(String group, String hookName, String instanceId, String token, String operation,
                               BiConsumer<SimInstance, SimHook> action) {
        SimGroup g = views.requireGroup(group, operation);
        SimInstance i = g.instances.stream().filter(x -> x.id.equals(instanceId)).findFirst().orElse(null);
        action.accept(i, world.terminations.pendingHook(g, i, hookName, token, operation, world.now()));
    }

}
