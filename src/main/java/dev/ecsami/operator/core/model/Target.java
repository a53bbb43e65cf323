package dev.ecsami.operator.core.model;

import java.util.Objects;

/** A fleet the operator keeps current: an ECS cluster backed by one Auto Scaling group. */
public record Target(String name, String cluster, String autoScalingGroup, AmiSource ami, OnNewAmi onNewAmi,
                     RolloutPolicy policy) {
    public Target {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(autoScalingGroup, "autoScalingGroup");
        Objects.requireNonNull(ami, "ami");
        Objects.requireNonNull(onNewAmi, "onNewAmi");
        Objects.requireNonNull(policy, "policy");
    }
}
