package dev.ecsami.operator.core.drain;

import dev.ecsami.operator.core.model.Require;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.model.OnDrainTimeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pure decision for a drain held by a lifecycle hook or started by a Spot warning: given the
 * record, the container instance as read now and the clock, it returns mutations and when to look
 * again. It never waits; the runner re-queues it.
 *
 * <ol>
 *   <li>not registered in ECS (or already gone): release the hook at once;</li>
 *   <li>ACTIVE: set it DRAINING;</li>
 *   <li>no service or standalone task left (daemons do not count): complete the hook with CONTINUE;</li>
 *   <li>past the drain timeout: follow the drain-timeout policy;</li>
 *   <li>otherwise heartbeat when one is due, and look again.</li>
 * </ol>
 */
public final class LifecycleDrain {

    /**
     * @param heartbeatInterval how often the hook is heartbeaten; shorter than its heartbeat timeout
     * @param pollInterval      how often a drain looks at its tasks
     * @param drainTimeout      how long a drain may last
     * @param onTimeout         FORCE: complete the hook, the instance goes with what it runs;
     *                          PAUSE: set the instance ACTIVE again and ABANDON the hook
     */
    public record Settings(Duration heartbeatInterval, Duration pollInterval, Duration drainTimeout,
                           OnDrainTimeout onTimeout) {
        public Settings {
            Require.nonNull("heartbeatInterval", heartbeatInterval, "pollInterval", pollInterval,
                    "drainTimeout", drainTimeout, "onTimeout", onTimeout);
        }
    }

    private final Settings settings;

    public LifecycleDrain(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public DrainDecision decide(DrainRecord drain, Optional<ContainerInstance> seen, Instant now) {
        if (drain.state().ended()) {
            return new DrainDecision(List.of(), drain, Duration.ZERO);
        }
        if (seen.isEmpty() || gone(seen.get())) {
            return release(drain, DrainRecord.State.RELEASED, "not registered in ECS; released at once", now);
        }
        ContainerInstance ci = seen.get();
        List<DrainMutation> mutations = new ArrayList<>();
        if (ci.status() == ContainerInstance.Status.ACTIVE) {
            mutations.add(new DrainMutation.SetDraining(drain.cluster(), ci.arn()));
        } else if (ci.blockingTasks() == 0) {
            return release(drain, DrainRecord.State.COMPLETED, "no service or standalone task left", now);
        }
        Duration elapsed = Duration.between(drain.startedAt(), now);
        if (elapsed.compareTo(settings.drainTimeout()) >= 0) {
            return timedOut(drain, ci, now);
        }
        DrainRecord next = drain;
        Instant heartbeatDue = drain.lastHeartbeatAt().plus(settings.heartbeatInterval());
        if (drain.holdsHook() && !now.isBefore(heartbeatDue)) {
            mutations.add(new DrainMutation.Heartbeat(drain.group(), drain.hookName(), drain.instanceId(),
                    drain.token()));
            next = drain.heartbeatAt(now);
            heartbeatDue = now.plus(settings.heartbeatInterval());
        }
        Duration untilHeartbeat = drain.holdsHook() ? Duration.between(now, heartbeatDue) : settings.pollInterval();
        Duration untilTimeout = settings.drainTimeout().minus(elapsed);
        Duration again = min(settings.pollInterval(), min(untilHeartbeat, untilTimeout));
        return new DrainDecision(mutations, next, again);
    }

    private DrainDecision timedOut(DrainRecord drain, ContainerInstance ci, Instant now) {
        List<DrainMutation> mutations = new ArrayList<>();
        String what;
        if (settings.onTimeout() == OnDrainTimeout.PAUSE) {
            mutations.add(new DrainMutation.SetActive(drain.cluster(), ci.arn()));
            what = "set ACTIVE again";
        } else {
            what = "let go with " + ci.blockingTasks() + " task(s) still on it";
        }
        if (drain.holdsHook()) {
            String result = settings.onTimeout() == OnDrainTimeout.PAUSE ? "ABANDON" : "CONTINUE";
            mutations.add(new DrainMutation.Complete(drain.group(), drain.hookName(), drain.instanceId(),
                    drain.token(), result));
            what += "; hook completed with " + result;
        }
        String detail = "drain timeout " + settings.drainTimeout() + " (" + settings.onTimeout() + "): " + what;
        return new DrainDecision(mutations, drain.end(DrainRecord.State.TIMED_OUT, detail, now), Duration.ZERO);
    }

    private static DrainDecision release(DrainRecord drain, DrainRecord.State to, String why, Instant now) {
        List<DrainMutation> mutations = drain.holdsHook()
                ? List.of(new DrainMutation.Complete(drain.group(), drain.hookName(), drain.instanceId(),
                drain.token(), "CONTINUE"))
                : List.of();
        return new DrainDecision(mutations, drain.end(to, why, now), Duration.ZERO);
    }

    private static boolean gone(ContainerInstance ci) {
        return ci.status() == ContainerInstance.Status.INACTIVE || ci.status() == ContainerInstance.Status.DEREGISTERING;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
