package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.rollout.Mutation;

import java.util.List;

/** Maps the engine's mutations onto the ports. */
final class MutationExecutor {
    private MutationExecutor() {
    }

    static void execute(Mutation m, FleetPorts ports) {
        if (m instanceof Mutation.RollLaunchSpec r) {
            ports.launchSpecs().rollTo(r.group(), r.ami());
        } else if (m instanceof Mutation.SetCapacity c) {
            ports.fleet().setCapacity(c.group(), c.desired(), c.max());
        } else if (m instanceof Mutation.SetInstanceState s) {
            ports.containerInstances().setState(s.cluster(), List.of(s.containerInstanceArn()), s.status());
        } else if (m instanceof Mutation.Terminate t) {
            ports.fleet().terminate(t.group(), t.instanceId(), t.decrementDesired());
        } else if (m instanceof Mutation.SuspendProcesses p) {
            ports.fleet().suspendProcesses(p.group(), p.processes());
        } else if (m instanceof Mutation.ResumeProcesses p) {
            ports.fleet().resumeProcesses(p.group(), p.processes());
        } else if (m instanceof Mutation.SetProtection p) {
            ports.fleet().setInstanceProtection(p.group(), p.instanceIds(), p.protect());
        } else {
            throw new IllegalArgumentException("unknown mutation " + m);
        }
    }
}
