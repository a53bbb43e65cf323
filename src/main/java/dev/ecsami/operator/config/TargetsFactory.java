package dev.ecsami.operator.config;

import dev.ecsami.operator.core.model.AmiSource;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.SurgeAhead;
import dev.ecsami.operator.core.model.Target;

import java.time.Duration;
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

    public static Map<String, Target> fromConfig(Map<String, OperatorConfig.TargetConfig> configured) {
        List<String> problems = new ArrayList<>();
        Map<String, Target> targets = new TreeMap<>();
        Map<String, String> groups = new TreeMap<>();
        configured.forEach((name, c) -> {
            String key = "operator.targets." + name + ".";
            int before = problems.size();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}")) {
                problems.add("operator.targets." + name + ": a target name is 1-63 letters, digits, '.', '_' or '-'");
            }
            AmiSource ami = null;
            try {
                ami = AmiSource.parse(c.ami());
            } catch (IllegalArgumentException e) {
                problems.add(key + "ami " + e.getMessage());
            }
            requireText(problems, key + "cluster", c.cluster());
            requireText(problems, key + "auto-scaling-group", c.autoScalingGroup());
            if (c.maxInFlight() < 1) {
                problems.add(key + "max-in-flight must be 1 or more, was " + c.maxInFlight());
            }
            SurgeAhead surgeAhead = SurgeAhead.AUTO;
            try {
                surgeAhead = SurgeAhead.parse(c.surgeAhead());
            } catch (IllegalArgumentException e) {
                problems.add(key + "surge-ahead " + e.getMessage());
            }
            requirePositive(problems, key + "drain-timeout", c.drainTimeout());
            requirePositive(problems, key + "registration-timeout", c.registrationTimeout());
            requirePositive(problems, key + "steady-timeout", c.steadyTimeout());
            requirePositive(problems, key + "poll-interval", c.pollInterval());
            if (c.bakeTime().isNegative()) {
                problems.add(key + "bake-time must be zero or positive, was " + c.bakeTime());
            }
            for (String process : c.suspendProcesses()) {
                if (!SUSPENDABLE.contains(process)) {
                    problems.add(key + "suspend-processes names " + process + "; expected some of "
                            + new java.util.TreeSet<>(SUSPENDABLE) + " (Launch and Terminate are needed by the rollout)");
                }
            }
            String other = groups.put(c.autoScalingGroup(), name);
            if (other != null) {
                problems.add(key + "auto-scaling-group " + c.autoScalingGroup() + " is already the group of target "
                        + other + "; one target per group");
            }
            if (problems.size() == before) {
                RolloutPolicy policy = surgeAhead.applyTo(new RolloutPolicy(c.maxInFlight(), c.surge(), 0,
                        c.allowMaxSizeRaise(), c.drainTimeout(), c.onDrainTimeout(), c.registrationTimeout(),
                        c.steadyTimeout(), c.bakeTime(), c.pollInterval(), c.suspendProcesses(),
                        c.allowSharedLaunchTemplate()));
                targets.put(name, new Target(name, c.cluster(), c.autoScalingGroup(), ami, c.onNewAmi(), policy));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        return targets;
    }

    private static void requireText(List<String> problems, String key, String value) {
        if (value == null || value.isBlank()) {
            problems.add(key + " must not be empty");
        }
    }

    private static void requirePositive(List<String> problems, String key, Duration d) {
        if (d.isZero() || d.isNegative()) {
            problems.add(key + " must be a positive duration (e.g. 30s, 15m, 1h), was " + d);
        }
    }

    /** Configuration that cannot work; start-up stops with this message. */
    public static final class InvalidConfiguration extends RuntimeException {
        public InvalidConfiguration(List<String> problems) {
            super("Invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
    }
}
