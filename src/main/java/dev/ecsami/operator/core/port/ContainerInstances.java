package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;

import java.util.List;

/** The ECS side of a cluster: container instances, their tasks and the services. */
public interface ContainerInstances {

    /** Which tasks a read lists: none, those on DRAINING instances, or all. */
    enum TaskDetail { NONE, DRAINING, ALL }

    /** @throws ExternalCallFailed with code "ClusterNotFoundException" when there is no such cluster */
    ClusterState describe(String cluster, TaskDetail detail);

    /** Sets container instances to ACTIVE or DRAINING. */
    void setState(String cluster, List<String> containerInstanceArns, ContainerInstance.Status status);
}
