package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.Finding.Code;
import dev.ecsami.operator.core.model.RolloutPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks made before the first mutation. Blockers stop the rollout before anything changes;
 * warnings are shown in the plan and recorded as events.
 */
public final class Preflight {
    /** Processes whose suspension makes a rollout impossible or unsafe. */
    private static final Set<String> BLOCKING_PROCESSES = Set.of("Launch", "Terminate");

    private Preflight() {
    }

    public static List<Finding> check(Observation obs, RolloutPolicy policy, List<GroupInstance> outdated) {
        List<Finding> findings = new ArrayList<>();
        if (outdated.isEmpty()) {
            findings.add(Finding.info(Code.NOTHING_TO_REPLACE, "every instance already runs the target AMI"));
        }
        stallingServices(obs, findings);
        registration(obs, findings);
        suspendedProcesses(obs, findings);
        maxSize(obs, policy, outdated, findings);
        standaloneTasks(obs, outdated, findings);
        capacityType(obs, findings);
        findings.addAll(Neighbourhood.findings(obs.group(), obs.surroundings(), policy.suspendProcesses(),
                policy.allowSharedLaunchTemplate()));
        if (!policy.surge() && !outdated.isEmpty()) {
            findings.addAll(SpareCapacity.check(obs, outdated, policy.maxInFlight()));
        }
        return findings;
    }

    private static void stallingServices(Observation obs, List<Finding> findings) {
        for (ServiceState s : obs.cluster().services()) {
            if (!s.daemon() && s.desired() > 0 && s.minimumHealthyPercent() >= 100 && s.maximumPercent() <= 100) {
                findings.add(Finding.blocker(Code.SERVICE_CANNOT_DRAIN, "service " + s.name()
                        + " has minimumHealthyPercent " + s.minimumHealthyPercent() + " and maximumPercent "
                        + s.maximumPercent() + ": ECS can neither start a replacement task first nor stop one, "
                        + "so a drain would stall; lower minimumHealthyPercent or raise maximumPercent"));
            }
        }
    }

    private static void registration(Observation obs, List<Finding> findings) {
        Map<String, ContainerInstance> byId = obs.cluster().byEc2Instance();
        List<String> unregistered = new ArrayList<>();
        List<String> disconnected = new ArrayList<>();
        long inService = 0;
        for (GroupInstance gi : obs.group().instances()) {
            if (gi.lifecycle() != Lifecycle.IN_SERVICE) {
                continue;
            }
            inService++;
            ContainerInstance ci = byId.get(gi.instanceId());
            if (ci == null || ci.status() == ContainerInstance.Status.INACTIVE) {
                unregistered.add(gi.instanceId());
            } else if (!ci.agentConnected()) {
                disconnected.add(gi.instanceId());
            }
        }
        if (inService > 0 && unregistered.size() == inService) {
            findings.add(Finding.blocker(Code.NO_REGISTERED_INSTANCES, "none of the " + inService
                    + " InService instances of group " + obs.group().name() + " is registered in cluster "
                    + obs.cluster().name() + ": check that the target pairs the right cluster and group"));
        } else if (!unregistered.isEmpty()) {
            findings.add(Finding.warning(Code.UNREGISTERED_INSTANCES, "not registered in cluster "
                    + obs.cluster().name() + " (replaced without a drain): " + String.join(", ", unregistered)));
        }
        if (!disconnected.isEmpty()) {
            findings.add(Finding.warning(Code.AGENT_DISCONNECTED, "ECS agent disconnected on "
                    + String.join(", ", disconnected) + ": they do not count as serving capacity"));
        }
    }

    private static void suspendedProcesses(Observation obs, List<Finding> findings) {
        Set<String> suspended = obs.group().suspendedProcesses();
        if (suspended.isEmpty()) {
            return;
        }
        List<String> blocking = suspended.stream().filter(BLOCKING_PROCESSES::contains).sorted().toList();
        if (!blocking.isEmpty()) {
            findings.add(Finding.blocker(Code.SUSPENDED_PROCESSES, "Auto Scaling processes suspended on "
                    + obs.group().name() + ": " + String.join(", ", blocking)
                    + "; resume them, the rollout launches and terminates instances"));
        }
        List<String> others = suspended.stream().filter(p -> !BLOCKING_PROCESSES.contains(p)).sorted().toList();
        if (!others.isEmpty()) {
            findings.add(Finding.info(Code.SUSPENDED_PROCESSES, "also suspended: " + String.join(", ", others)));
        }
    }

    private static void maxSize(Observation obs, RolloutPolicy policy, List<GroupInstance> outdated,
                                List<Finding> findings) {
        if (!policy.surge() || outdated.isEmpty()) {
            return;
        }
        int needed = obs.group().desired() + Math.min(policy.maxInFlight(), outdated.size());
        int wanted = obs.group().desired() + Math.min(policy.maxInFlight() + policy.surgeAhead(), outdated.size());
        if (wanted > obs.group().max() && policy.allowMaxSizeRaise()) {
            findings.add(Finding.info(Code.MAX_SIZE_RAISED, "max size " + obs.group().max()
                    + " is raised to " + wanted + " during the rollout and restored at the end"));
        } else if (needed > obs.group().max()) {
            findings.add(Finding.blocker(Code.MAX_SIZE_NOT_RAISABLE, "surge needs " + needed
                    + " instances but max size is " + obs.group().max()
                    + " and raising it is not allowed; allow it, raise max size, or turn surge off"));
        }
    }

    /**
     * Surge, the floor and the capacity ledger count instances: a group whose desired capacity
     * counts vCPUs, MiB or instance weights is refused before anything changes.
     */
    private static void capacityType(Observation obs, List<Finding> findings) {
        String type = obs.group().desiredCapacityType();
        if (!type.equals(dev.ecsami.operator.core.fleet.GroupState.UNITS)) {
            findings.add(Finding.blocker(Code.WEIGHTED_CAPACITY, "group " + obs.group().name()
                    + " counts its desired capacity in " + type + "; the rollout counts capacity in instances: "
                    + "set DesiredCapacityType to units (and instance weights to 1) to roll it"));
        } else if (obs.group().weighted()) {
            String weights = obs.group().instances().stream().filter(i -> i.weight() != 1)
                    .map(i -> i.instanceId() + " (" + i.weight() + ")").sorted().collect(Collectors.joining(", "));
            findings.add(Finding.blocker(Code.WEIGHTED_CAPACITY, "group " + obs.group().name()
                    + " has weighted instance types: " + weights + "; the rollout counts capacity in instances, "
                    + "so its surge and floor would be wrong: remove the weights (WeightedCapacity) to roll it"));
        }
    }

    private static void standaloneTasks(Observation obs, List<GroupInstance> outdated, List<Finding> findings) {
        Map<String, ContainerInstance> byId = obs.cluster().byEc2Instance();
        String holders = outdated.stream()
                .map(gi -> byId.get(gi.instanceId()))
                .filter(ci -> ci != null && ci.standaloneTasks() > 0)
                .map(ci -> ci.ec2InstanceId() + " (" + ci.standaloneTasks() + ")")
                .collect(Collectors.joining(", "));
        if (!holders.isEmpty()) {
            findings.add(Finding.warning(Code.STANDALONE_TASKS, "standalone tasks do not move when an instance "
                    + "drains; they are waited for until the drain timeout: " + holders));
        }
    }
}
