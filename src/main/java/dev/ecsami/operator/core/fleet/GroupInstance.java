package dev.ecsami.operator.core.fleet;

/**
 * One EC2 instance of an Auto Scaling group.
 *
 * @param launchRef            what it was launched from: a launch configuration name or "lt-id:version"
 * @param healthy              the group's health status for it ("Healthy" or not)
 * @param protectedFromScaleIn instance scale-in protection (set by a user, by the group's
 *                             new-instances setting, by ECS managed termination protection, or by the operator)
 * @param weight               capacity units it counts for: its instance type's WeightedCapacity, 1 without weights
 */
public record GroupInstance(String instanceId, String availabilityZone, Lifecycle lifecycle, String launchRef,
                            boolean healthy, boolean protectedFromScaleIn, int weight) {

    public GroupInstance {
        weight = Math.max(1, weight);
    }

    /** An unprotected instance of weight 1. */
    public GroupInstance(String instanceId, String availabilityZone, Lifecycle lifecycle, String launchRef,
                         boolean healthy) {
        this(instanceId, availabilityZone, lifecycle, launchRef, healthy, false, 1);
    }
}
