package dev.ecsami.operator.config;

import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.SurgeAhead;
import dev.ecsami.operator.core.model.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the target settings into domain targets, or fails start-up with every problem found,
 * each naming its key and what was expected.
 */
public final class TargetsFactory {
    /** The Auto Scaling processes a rollout may suspend: all but Launch and Terminate, which it needs. */
    static final java.util.Set<String> SUSPENDABLE = java.util.Set.of("AZRebalance", "AlarmNotification",
            "ScheduledActions", "HealthCheck", "ReplaceUnhealthy", "AddToLoadBalancer", "InstanceRefresh");

    private TargetsFactory() {
    }

    /** @throws InvalidConfiguration naming every target setting at fault */
    public static Map<String, Target> fromConfig(Map<String, OperatorConfig.TargetConfig> configured) {
        List<String> problems = new ArrayList<>();
        Map<String, Target> targets = fromConfig(configured, problems);
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        return targets;
    }

    /** The targets that are valid; adds a line naming the key for every problem found. */
    public static Map<String, Target> fromConfig(Map<String, OperatorConfig.TargetConfig> configured,
                                                 List<String> problems) {
        Map<String, Target> targets = new TreeMap<>();
        Map<String, String> groups = new TreeMap<>();
        configured.forEach((name, c) -> {
            String key = "operator.targets." + name + ".";
            Checks check = new Checks();
            check.that(name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}"),
                    "operator.targets." + name + ": a target name is 1-63 letters, digits, '.', '_' or '-'");
            AmiSource ami = check.parsed(key + "ami", c.ami(), AmiSource::parse, null);
            check.notBlank(key + "cluster", c.cluster());
            check.notBlank(key + "auto-scaling-group", c.autoScalingGroup());
            check.atLeast(key + "max-in-flight", c.maxInFlight(), 1);
            SurgeAhead surgeAhead = check.parsed(key + "surge-ahead", c.surgeAhead(), SurgeAhead::parse,
                    SurgeAhead.AUTO);
            check.positive(key + "drain-timeout", c.drainTimeout());
            check.positive(key + "registration-timeout", c.registrationTimeout());
            check.positive(key + "steady-timeout", c.steadyTimeout());
            check.positive(key + "poll-interval", c.pollInterval());
            check.notNegative(key + "bake-time", c.bakeTime());
            for (String process : c.suspendProcesses()) {
                check.that(SUSPENDABLE.contains(process), key + "suspend-processes names " + process
                        + "; expected some of " + new java.util.TreeSet<>(SUSPENDABLE)
                        + " (Launch and Terminate are needed by the rollout)");
            }
            String other = groups.put(c.autoScalingGroup(), name);
            check.that(other == null, key + "auto-scaling-group " + c.autoScalingGroup()
                    + " is already the group of target " + other + "; one target per group");
            if (check.problems().isEmpty()) {
                RolloutPolicy policy = surgeAhead.applyTo(new RolloutPolicy(c.maxInFlight(), c.surge(), 0,
                        c.allowMaxSizeRaise(), c.drainTimeout(), c.onDrainTimeout(), c.registrationTimeout(),
                        c.steadyTimeout(), c.bakeTime(), c.pollInterval(), c.suspendProcesses(),
                        c.allowSharedLaunchTemplate()));
                targets.put(name, new Target(name, c.cluster(), c.autoScalingGroup(), ami, c.onNewAmi(), policy));
            }
            problems.addAll(check.problems());
        });
        return targets;
    }
}
