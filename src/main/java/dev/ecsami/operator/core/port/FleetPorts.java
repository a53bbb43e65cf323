package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.port.ContainerInstances.TaskDetail;

import java.util.Set;
import java.util.stream.Collectors;

/** The ports that reach AWS (or the simulation), handed around together. */
public record FleetPorts(Fleet fleet, ContainerInstances containerInstances, LaunchSpecs launchSpecs,
                         AmiCatalog amiCatalog, GroupNeighbours neighbours) {

    /**
     * Reads the group, then the cluster, telling the cluster read to expect every group instance
     * that is not leaving: a booting replacement is looked for until it registers.
     */
    public Observation observe(String group, String cluster, TaskDetail detail) {
        return observe(group, cluster, detail, false);
    }

    /** As {@link #observe(String, String, TaskDetail)}, also reading the group's surroundings when asked. */
    public Observation observe(String group, String cluster, TaskDetail detail, boolean withSurroundings) {
        GroupState g = fleet.describe(group);
        Set<String> expected = g.instances().stream().filter(i -> !i.lifecycle().isLeaving())
                .map(GroupInstance::instanceId).collect(Collectors.toSet());
        return new Observation(g, containerInstances.describe(cluster, detail, expected),
                withSurroundings ? neighbours.read(group, cluster) : GroupSurroundings.NONE);
    }
}
