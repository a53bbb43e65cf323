package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.ExternalCallFailed;

import java.util.List;
import java.util.Set;

/** The ECS container instances of the simulated world, each call counted and passed through the fault plan. */
final class SimContainerInstances implements ContainerInstances {
    private final SimWorld world;
    private final SimViews views;
    private final SimCalls calls;

    SimContainerInstances(SimWorld world, SimViews views, SimCalls calls) {
        this.world = world;
        this.views = views;
        this.calls = calls;
    }

    @Override
    public ClusterState describe(String cluster, TaskDetail detail, Set<String> expected) {
        synchronized (world) {
            calls.enter("DescribeContainerInstances");
            return views.cluster(cluster, detail);
        }
    }

    @Override
    public void setState(String cluster, List<String> arns, ContainerInstance.Status status) {
        synchronized (world) {
            calls.enter("UpdateContainerInstancesState");
            List<SimContainerInstance> cis = views.requireCluster(cluster, "UpdateContainerInstancesState");
            for (String arn : arns) {
                SimContainerInstance ci = cis.stream().filter(c -> c.arn.equals(arn)).findFirst()
                        .orElseThrow(() -> new ExternalCallFailed("UpdateContainerInstancesState", "MISSING",
                                "container instance " + arn + " is not in cluster " + cluster, false));
                ci.status = status;
                if (status == ContainerInstance.Status.DRAINING) {
                    world.taskTimes.drainStarted(ci.instanceId, world.now());
                }
                world.log.mutation(world.now(), status == ContainerInstance.Status.DRAINING ? "Drain" : "Reactivate",
                        ci.instanceId);
            }
            world.schedulerReacts();
        }
    }
}
