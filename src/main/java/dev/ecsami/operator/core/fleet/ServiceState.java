package dev.ecsami.operator.core.fleet;

import java.util.Set;

/**
 * An ECS service.
 *
 * @param deploymentsInProgress deployments other than one completed primary
 * @param taskNeed              CPU and memory one task reserves
 * @param hostPorts             host ports one task binds (static mappings only)
 * @param distinctInstance      placement constraint: at most one task per instance
 */
public record ServiceState(String name, int desired, int running, int pending, int deploymentsInProgress,
                           int minimumHealthyPercent, int maximumPercent, boolean daemon, boolean distinctInstance,
                           Resources taskNeed, Set<Integer> hostPorts) {
    public ServiceState {
        hostPorts = Set.copyOf(hostPorts);
    }

    /** Running equals desired, nothing pending, one completed deployment. */
    public boolean steady() {
        return running == desired && pending == 0 && deploymentsInProgress == 0;
    }
}
