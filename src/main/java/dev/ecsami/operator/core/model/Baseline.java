package dev.ecsami.operator.core.model;

/**
 * The group as the rollout found it, captured before its first mutation and restored at the end.
 *
 * @param capacityFloor in-service ECS capacity that surge never lets fall below: the smaller of
 *                      the desired capacity and the instances that were really serving
 */
public record Baseline(int desired, int min, int max, int capacityFloor) {
}
