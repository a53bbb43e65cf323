package dev.ecsami.operator.core.fleet;

/**
 * One EC2 instance of an Auto Scaling group.
 *
 * @param launchRef what it was launched from: a launch configuration name or "lt-id:version"
 */
public record GroupInstance(String instanceId, String availabilityZone, Lifecycle lifecycle, String launchRef,
                            boolean healthy) {
}
