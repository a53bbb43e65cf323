package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.TaskInfo;

import java.time.Instant;

/**
 * How a simulated instance leaves its group: through the group's terminating lifecycle hooks
 * (Terminating:Wait until each is completed or times out; ECS managed draining drains it first),
 * then shut down, which kills whatever still runs on it. Every termination is logged with its cause
 * and the work on the instance when it was shut down.
 */
final class SimTerminations {
    private final SimWorld world;

    SimTerminations(SimWorld world) {
        this.world = world;
    }

    void begin(SimGroup g, SimInstance i, Instant t, SimCause cause) {
        i.cause = cause;
        i.registerAt = null;
        if (g.hooks.isEmpty() || cause == SimCause.SPOT) {
            shutDown(i, t);
            return;
        }
        i.lifecycle = Lifecycle.TERMINATING_WAIT;
        Instant userDone = t;
        for (SimHook h : g.hooks) {
            if (h.managedDraining()) {
                i.awaitsManagedDrain = true;
                SimContainerInstance ci = world.containerInstance(i.id);
                if (ci != null && ci.status == ContainerInstance.Status.ACTIVE) {
                    ci.status = ContainerInstance.Status.DRAINING;
                    world.log.actor(t, "ecs-managed-draining", "drains " + i.id);
                }
            } else {
                Instant done = t.plus(h.completesAfter() == null || h.completesAfter().compareTo(h.heartbeatTimeout()) > 0
                        ? h.heartbeatTimeout() : h.completesAfter());
                userDone = done.isAfter(userDone) ? done : userDone;
                String token = world.nextId("token-", 12);
                i.hookDeadlines.put(h.name(), done);
                i.hookTokens.put(h.name(), token);
                world.notices.add(new SimNotice(SimNotice.Kind.TERMINATING_HOOK, g.name, i.id, h.name(), token, t));
            }
        }
        i.hookDoneAt = userDone;
    }

    /** The hook's pending action for this token, or a ValidationError as Auto Scaling answers. */
    SimHook pendingHook(SimGroup g, SimInstance i, String hookName, String token, String operation, Instant t) {
        SimHook hook = g.hooks.stream().filter(h -> h.name().equals(hookName) && !h.managedDraining()).findFirst()
                .orElse(null);
        Instant deadline = i == null ? null : i.hookDeadlines.get(hookName);
        if (hook == null || i == null || i.lifecycle != Lifecycle.TERMINATING_WAIT || deadline == null || !deadline.isAfter(t)
                || !token.isEmpty() && !token.equals(i.hookTokens.get(hookName))) {
            throw new dev.ecsami.operator.core.port.ExternalCallFailed(operation, "ValidationError",
                    "No active Lifecycle Action found with token " + token, false);
        }
        return hook;
    }

    /** RecordLifecycleActionHeartbeat: the hook waits another heartbeat timeout from now. */
    void heartbeat(SimInstance i, SimHook hook, Instant t) {
        i.hookDeadlines.put(hook.name(), t.plus(hook.heartbeatTimeout()));
        i.hookDoneAt = latest(i, t);
    }

    /** CompleteLifecycleAction: the hook no longer holds the instance. */
    void complete(SimInstance i, SimHook hook, Instant t) {
        i.hookDeadlines.remove(hook.name());
        i.hookTokens.remove(hook.name());
        i.hookDoneAt = latest(i, t);
    }

    private static Instant latest(SimInstance i, Instant t) {
        return i.hookDeadlines.values().stream().max(Instant::compareTo).filter(d -> d.isAfter(t)).orElse(t);
    }

    /** Instances whose hooks are all done move on to shut down. */
    void progress(SimGroup g, Instant t) {
        for (SimInstance i : g.instances) {
            if (i.lifecycle != Lifecycle.TERMINATING_WAIT || i.hookDoneAt != null && i.hookDoneAt.isAfter(t)) {
                continue;
            }
            i.hookDoneAt = null;
            for (String expired : i.hookDeadlines.keySet()) {
                world.log.actor(t, "lifecycle-hook", "the heartbeat timeout of " + expired + " ran out for " + i.id);
            }
            i.hookDeadlines.clear();
            i.hookTokens.clear();
            if (i.awaitsManagedDrain && blockingTasks(i.id) > 0) {
                continue;
            }
            shutDown(i, t);
        }
    }

    /** EC2 stops the instance: what still runs on it is killed. */
    void shutDown(SimInstance i, Instant t) {
        int service = 0;
        int standalone = 0;
        for (SimTask task : world.tasks) {
            if (task.instanceId.equals(i.id) && task.kind == TaskInfo.Kind.SERVICE) {
                service++;
            } else if (task.instanceId.equals(i.id) && task.kind == TaskInfo.Kind.STANDALONE) {
                standalone++;
            }
        }
        boolean registered = world.containerInstance(i.id) != null;
        world.log.termination(new SimCallLog.TerminationRecord(t, i.id, registered ? service : 0, standalone,
                i.cause == null ? SimCause.SCALE_IN : i.cause));
        i.lifecycle = Lifecycle.TERMINATING;
        i.registerAt = null;
        i.goneAt = t.plus(world.timings.termination());
    }

    private long blockingTasks(String instanceId) {
        return world.tasks.stream().filter(x -> x.instanceId.equals(instanceId) && x.kind != TaskInfo.Kind.DAEMON)
                .count();
    }
}
