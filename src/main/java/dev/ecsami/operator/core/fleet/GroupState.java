package dev.ecsami.operator.core.fleet;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An Auto Scaling group as observed.
 *
 * @param launchRef     the launch configuration name or "lt-id:version" new instances get, with
 *                      $Default and $Latest resolved to a version number
 * @param launchImageId the AMI that launch specification uses now (empty when chosen at launch)
 */
public record GroupState(String name, int desired, int min, int max, String launchRef, String launchImageId,
                         List<GroupInstance> instances, Set<String> suspendedProcesses) {
    public GroupState {
        instances = List.copyOf(instances);
        suspendedProcesses = Set.copyOf(suspendedProcesses);
        launchImageId = launchImageId == null ? "" : launchImageId;
    }

    public Optional<GroupInstance> instance(String instanceId) {
        return instances.stream().filter(i -> i.instanceId().equals(instanceId)).findFirst();
    }

    public long inService() {
        return instances.stream().filter(i -> i.lifecycle() == Lifecycle.IN_SERVICE).count();
    }
}
