package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Observation;
import dev.ecsami.operator.core.fleet.Resources;
import dev.ecsami.operator.core.fleet.ServiceState;
import dev.ecsami.operator.core.fleet.TaskInfo;
import dev.ecsami.operator.core.model.Finding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Without surge, the service tasks of each batch of drained instances must fit on the instances
 * that stay ACTIVE: CPU, memory, free host ports, and distinctInstance placement. First fit, with
 * the largest tasks placed first.
 */
final class SpareCapacity {
    private SpareCapacity() {
    }

    static List<Finding> check(Observation obs, List<GroupInstance> outdated, int batchSize) {
        List<Finding> findings = new ArrayList<>();
        for (int start = 0; start < outdated.size(); start += batchSize) {
            List<String> batch = outdated.subList(start, Math.min(outdated.size(), start + batchSize)).stream()
                    .map(GroupInstance::instanceId).toList();
            String problem = placeBatch(obs, batch);
            if (problem != null) {
                findings.add(Finding.blocker(Finding.Code.INSUFFICIENT_SPARE_CAPACITY, "with surge off, draining "
                        + String.join(", ", batch) + " leaves no room for " + problem
                        + "; turn surge on or add capacity"));
                break;
            }
        }
        return findings;
    }

    private static String placeBatch(Observation obs, List<String> batch) {
        List<Bin> bins = new ArrayList<>();
        List<TaskInfo> moving = new ArrayList<>();
        for (ContainerInstance ci : obs.cluster().instances()) {
            if (batch.contains(ci.ec2InstanceId())) {
                ci.tasks().stream().filter(t -> t.kind() == TaskInfo.Kind.SERVICE).forEach(moving::add);
            } else if (ci.servesCapacity()) {
                bins.add(new Bin(ci));
            }
        }
        Map<String, ServiceState> services = new java.util.HashMap<>();
        obs.cluster().services().forEach(s -> services.put(s.name(), s));
        moving.sort((a, b) -> Integer.compare(b.need().cpu() + b.need().memory(), a.need().cpu() + a.need().memory()));
        for (TaskInfo t : moving) {
            boolean distinct = services.containsKey(t.service()) && services.get(t.service()).distinctInstance();
            Bin target = bins.stream().filter(b -> b.accepts(t, distinct)).findFirst().orElse(null);
            if (target == null) {
                return "a task of service " + t.service() + " (" + t.need().cpu() + " CPU, " + t.need().memory()
                        + " MiB" + (t.hostPorts().isEmpty() ? "" : ", host ports " + t.hostPorts())
                        + (distinct ? ", distinctInstance" : "") + ")";
            }
            target.take(t);
        }
        return null;
    }

    private static final class Bin {
        private Resources free;
        private final Set<Integer> ports;
        private final Set<String> services = new HashSet<>();

        Bin(ContainerInstance ci) {
            free = ci.remaining();
            ports = new HashSet<>(ci.usedPorts());
            ci.tasks().forEach(t -> services.add(t.service()));
        }

        boolean accepts(TaskInfo t, boolean distinct) {
            return free.fits(t.need()) && t.hostPorts().stream().noneMatch(ports::contains)
                    && !(distinct && services.contains(t.service()));
        }

        void take(TaskInfo t) {
            free = free.minus(t.need());
            ports.addAll(t.hostPorts());
            services.add(t.service());
        }
    }
}
