package dev.ecsami.operator.core.fleet;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one tick knows about a target: its group and its cluster, read together, and what
 * else acts on the group when it was read (at pre-flight and baseline; {@link GroupSurroundings#NONE}
 * on other ticks).
 */
public record Observation(GroupState group, ClusterState cluster, GroupSurroundings surroundings) {

    public Observation {
        surroundings = surroundings == null ? GroupSurroundings.NONE : surroundings;
    }

    public Observation(GroupState group, ClusterState cluster) {
        this(group, cluster, GroupSurroundings.NONE);
    }

    public Optional<ContainerInstance> containerInstance(String instanceId) {
        return cluster.forEc2Instance(instanceId);
    }

    /**
     * In-service ECS capacity: group instances InService whose container instance is ACTIVE with
     * its agent connected. This is what surge must keep at or above the floor.
     */
    public int servingCapacity() {
        Map<String, ContainerInstance> byId = cluster.byEc2Instance();
        int n = 0;
        for (GroupInstance gi : group.instances()) {
            ContainerInstance ci = byId.get(gi.instanceId());
            if (gi.lifecycle() == Lifecycle.IN_SERVICE && ci != null && ci.servesCapacity()) {
                n++;
            }
        }
        return n;
    }

    /** Looks instances up by id in constant time; for callers that ask about many instances. */
    public Lookup lookup() {
        Map<String, GroupInstance> groupById = new HashMap<>();
        group.instances().forEach(gi -> groupById.putIfAbsent(gi.instanceId(), gi));
        return new Lookup(groupById, cluster.byEc2Instance());
    }

    /** The observation's group and container instances by EC2 instance id. */
    public record Lookup(Map<String, GroupInstance> groupById, Map<String, ContainerInstance> containerById) {
        public Optional<GroupInstance> groupInstance(String instanceId) {
            return Optional.ofNullable(groupById.get(instanceId));
        }

        public Optional<ContainerInstance> containerInstance(String instanceId) {
            return Optional.ofNullable(containerById.get(instanceId));
        }

        /** Whether the instance counts in {@link Observation#servingCapacity}: InService and ACTIVE, agent connected. */
        public boolean serves(String instanceId) {
            GroupInstance gi = groupById.get(instanceId);
            ContainerInstance ci = containerById.get(instanceId);
            return gi != null && gi.lifecycle() == Lifecycle.IN_SERVICE && ci != null && ci.servesCapacity();
        }
    }
}
