package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.Resources;

/** A container instance registered in a simulated cluster. */
final class SimContainerInstance {
    final String arn;
    final String instanceId;
    final String cluster;
    final String ami;
    /** The availability zone of its EC2 instance, the {@code ecs.availability-zone} attribute. */
    final String zone;
    final Resources registered;
    ContainerInstance.Status status = ContainerInstance.Status.ACTIVE;
    boolean agentConnected = true;
    /** Fault: its tasks never stop, so its drain never finishes. */
    boolean stuckDrain;

    SimContainerInstance(String arn, String instanceId, String cluster, String ami, String zone, Resources registered) {
        this.arn = arn;
        this.instanceId = instanceId;
        this.cluster = cluster;
        this.ami = ami;
        this.zone = zone;
        this.registered = registered;
    }
}
