package dev.ecsami.operator.core.fleet;

import java.util.List;
import java.util.Set;

/**
 * An ECS container instance.
 *
 * @param amiId        the {@code ecs.ami-id} attribute
 * @param runningTasks tasks running on it, of every kind (from the container instance itself)
 * @param usedPorts    host ports reserved by its tasks
 * @param tasks        the tasks themselves, when they were read (see {@link #tasksKnown})
 */
public record ContainerInstance(String arn, String ec2InstanceId, Status status, boolean agentConnected, String amiId,
                                Resources registered, Resources remaining, Set<Integer> usedPorts, int runningTasks,
                                int pendingTasks, boolean tasksKnown, List<TaskInfo> tasks) {
    public enum Status { ACTIVE, DRAINING, INACTIVE, REGISTERING, DEREGISTERING, OTHER }

    public ContainerInstance {
        amiId = amiId == null ? "" : amiId;
        usedPorts = Set.copyOf(usedPorts);
        tasks = List.copyOf(tasks);
    }

    public boolean servesCapacity() {
        return status == Status.ACTIVE && agentConnected;
    }

    /**
     * Service and standalone tasks still on it; daemon tasks do not hold a drain. Counted from the
     * listed tasks and, to be safe, from the instance's own running and pending counts, which
     * still include tasks that are shutting down.
     */
    public long blockingTasks() {
        long daemons = tasks.stream().filter(t -> t.kind() == TaskInfo.Kind.DAEMON).count();
        long listed = tasks.size() - daemons;
        return Math.max(listed, (long) runningTasks + pendingTasks - daemons);
    }

    public long serviceTasks() {
        return tasks.stream().filter(t -> t.kind() == TaskInfo.Kind.SERVICE).count();
    }

    public long standaloneTasks() {
        return tasks.stream().filter(t -> t.kind() == TaskInfo.Kind.STANDALONE).count();
    }
}
