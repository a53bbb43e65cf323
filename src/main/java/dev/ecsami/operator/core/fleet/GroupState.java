package dev.ecsami.operator.core.fleet;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An Auto Scaling group as observed.
 *
 * @param launchRef              the launch configuration name or "lt-id:version" new instances get, with
 *                               $Default and $Latest resolved to a version number
 * @param launchImageId          the AMI that launch specification uses now (empty when chosen at launch)
 * @param desiredCapacityType    "units" (default), "vcpu" or "memory-mib": what desired, min and max count
 * @param newInstancesProtected  NewInstancesProtectedFromScaleIn: the group protects every instance it launches
 * @param terminationPolicies    the group's termination policies in order, e.g. ["Default"]
 * @param availabilityZones      the zones the group launches in, also those it has no instance in now
 */
public record GroupState(String name, int desired, int min, int max, String launchRef, String launchImageId,
                         List<GroupInstance> instances, Set<String> suspendedProcesses, String desiredCapacityType,
                         boolean newInstancesProtected, List<String> terminationPolicies,
                         List<String> availabilityZones) {
    public static final String UNITS = "units";

    public GroupState {
        instances = List.copyOf(instances);
        suspendedProcesses = Set.copyOf(suspendedProcesses);
        launchImageId = launchImageId == null ? "" : launchImageId;
        desiredCapacityType = desiredCapacityType == null || desiredCapacityType.isEmpty() ? UNITS
                : desiredCapacityType;
        terminationPolicies = terminationPolicies == null ? List.of() : List.copyOf(terminationPolicies);
        availabilityZones = availabilityZones == null ? List.of() : List.copyOf(availabilityZones);
    }

    /** A group whose zones are known only from its instances. */
    public GroupState(String name, int desired, int min, int max, String launchRef, String launchImageId,
                      List<GroupInstance> instances, Set<String> suspendedProcesses, String desiredCapacityType,
                      boolean newInstancesProtected, List<String> terminationPolicies) {
        this(name, desired, min, max, launchRef, launchImageId, instances, suspendedProcesses, desiredCapacityType,
                newInstancesProtected, terminationPolicies, List.of());
    }

    /** A group counted in units, without new-instance protection and with the default termination policy. */
    public GroupState(String name, int desired, int min, int max, String launchRef, String launchImageId,
                      List<GroupInstance> instances, Set<String> suspendedProcesses) {
        this(name, desired, min, max, launchRef, launchImageId, instances, suspendedProcesses, UNITS, false,
                List.of("Default"));
    }

    public Optional<GroupInstance> instance(String instanceId) {
        return instances.stream().filter(i -> i.instanceId().equals(instanceId)).findFirst();
    }

    public long inService() {
        return instances.stream().filter(i -> i.lifecycle() == Lifecycle.IN_SERVICE).count();
    }

    /** Whether some instance counts for more than one unit, or capacity is counted in vCPUs or memory. */
    public boolean weighted() {
        return !UNITS.equals(desiredCapacityType) || instances.stream().anyMatch(i -> i.weight() != 1);
    }
}
