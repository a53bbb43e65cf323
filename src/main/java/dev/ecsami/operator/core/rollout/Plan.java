package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.RolloutPolicy;

import java.time.Duration;
import java.util.List;

/**
 * What a rollout would do now, without doing it.
 *
 * @param instances the outdated instances in the order they would be replaced
 * @param estimate  a rough duration from the policy and typical boot and drain times
 */
public record Plan(String target, AmiRef from, AmiRef to, RolloutPolicy policy, List<PlannedInstance> instances,
                   List<Finding> findings, Duration estimate) {

    public record PlannedInstance(String instanceId, String availabilityZone, boolean registered, int runningTasks) {
    }

    public boolean blocked() {
        return findings.stream().anyMatch(Finding::blocks);
    }
}
