package dev.ecsami.operator.sim;

/**
 * The placement strategy of a simulated ECS service, as ECS applies it to each task it places among
 * the ACTIVE instances that fit the task (and its {@code distinctInstance} constraint, if any).
 */
public enum SimPlacement {
    /** {@code spread(attribute:ecs.availability-zone)}: the zone with fewest of the service's tasks, then as {@link #SPREAD_INSTANCE} within it. */
    SPREAD_AZ,
    /** {@code spread(instanceId)}: the instance with fewest of the service's tasks, then the most free CPU. */
    SPREAD_INSTANCE,
    /** {@code binpack(memory)}: the instance with the least memory left that still fits the task. */
    BINPACK_MEMORY
}
