package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.TaskInfo;

import java.time.Instant;
import java.util.Set;

/** A task in a simulated cluster. */
final class SimTask {
    enum State { PENDING, RUNNING, STOPPING }

    final String arn;
    final TaskInfo.Kind kind;
    final String service;
    final String instanceId;
    final Resources need;
    final Set<Integer> ports;
    State state;
    /** PENDING: when it runs (or fails). STOPPING, or a standalone task: when it is gone. */
    Instant nextAt;

    SimTask(String arn, TaskInfo.Kind kind, String service, String instanceId, Resources need, Set<Integer> ports,
            State state, Instant nextAt) {
        this.arn = arn;
        this.kind = kind;
        this.service = service;
        this.instanceId = instanceId;
        this.need = need;
        this.ports = ports;
        this.state = state;
        this.nextAt = nextAt;
    }

    TaskInfo view() {
        return new TaskInfo(arn, kind, service, need, ports);
    }
}
