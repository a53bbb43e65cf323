package dev.ecsami.operator.sim;

import java.time.Duration;

/**
 * A terminating lifecycle hook of a simulated group. A terminating instance waits in
 * Terminating:Wait until every hook is completed or its heartbeat timeout runs out (then the
 * default result applies; for terminating hooks both CONTINUE and ABANDON go on terminating).
 *
 * @param completesAfter  when whoever handles the hook completes it, after the instance entered
 *                        Terminating:Wait; null: never (the heartbeat timeout decides)
 * @param managedDraining ECS managed instance draining's hook: the simulated ECS drains the
 *                        instance itself and completes the hook once no service task is left
 */
record SimHook(String name, Duration heartbeatTimeout, String defaultResult, Duration completesAfter,
               boolean managedDraining) {
}
