package dev.ecsami.operator.core.model;

/** A fleet the operator keeps current: an ECS cluster backed by one Auto Scaling group. */
public record Target(String name, String cluster, String autoScalingGroup, AmiSource ami, OnNewAmi onNewAmi,
                     RolloutPolicy policy) {
    public Target {
        Require.nonNull("name", name, "cluster", cluster, "autoScalingGroup", autoScalingGroup, "ami", ami,
                "onNewAmi", onNewAmi, "policy", policy);
    }
}
