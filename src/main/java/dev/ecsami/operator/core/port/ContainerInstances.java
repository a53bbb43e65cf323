package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;

import java.util.List;
import java.util.Set;

/** The ECS side of a cluster: container instances, their tasks and the services. */
public interface ContainerInstances {

    /** Which tasks a read lists: none, those on DRAINING instances, or all. */
    enum TaskDetail { NONE, DRAINING, ALL }

    /**
     * The cluster as it is now: every registered container instance, whether expected or not.
     *
     * @param expected EC2 instance ids the caller expects to find registered, such as the group's
     *                 instances; an implementation that remembers which instances are registered
     *                 looks up those it does not know rather than listing the whole cluster
     * @throws ExternalCallFailed with code "ClusterNotFoundException" when there is no such cluster
     */
    ClusterState describe(String cluster, TaskDetail detail, Set<String> expected);

    /** As {@link #describe(String, TaskDetail, Set)} expecting no instance in particular. */
    default ClusterState describe(String cluster, TaskDetail detail) {
        return describe(cluster, detail, Set.of());
    }

    /** Sets container instances to ACTIVE or DRAINING. */
    void setState(String cluster, List<String> containerInstanceArns, ContainerInstance.Status status);
}
