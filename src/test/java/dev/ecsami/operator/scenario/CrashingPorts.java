package dev.ecsami.operator.scenario;

import dev.ecsami.operator.core.fleet.ClusterState;
import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.FleetPorts;
import dev.ecsami.operator.core.port.LaunchSpecs;

import java.util.List;
import java.util.Set;

/**
 * Ports that kill the process (throw {@link Crash}) at the n-th mutation, just before it reaches
 * AWS or just after it did.
 */
final class CrashingPorts {
    enum When { BEFORE, AFTER }

    /** Stands for the process dying: an Error, so nothing in the operator catches it. */
    static final class Crash extends Error {
        Crash(String where) {
            super("simulated crash " + where);
        }
    }

    private final int crashAt;
    private final When when;
    private int seen;

    CrashingPorts(int crashAt, When when) {
        this.crashAt = crashAt;
        this.when = when;
    }

    FleetPorts wrap(FleetPorts p) {
        return aroundMutations(p, this::around);
    }

    /** The same ports, each mutation run through {@code around(operation, call)}. */
    static FleetPorts aroundMutations(FleetPorts p, java.util.function.BiConsumer<String, Runnable> around) {
        Fleet fleet = new Fleet() {
            @Override
            public GroupState describe(String group) {
                return p.fleet().describe(group);
            }

            @Override
            public void setCapacity(String group, int desired, int max) {
                around.accept("SetCapacity", () -> p.fleet().setCapacity(group, desired, max));
            }

            @Override
            public Set<String> terminatedOnRequest(String group, Set<String> instanceIds) {
                return p.fleet().terminatedOnRequest(group, instanceIds);
            }

            @Override
            public void terminate(String group, String instanceId, boolean decrement) {
                around.accept("Terminate", () -> p.fleet().terminate(group, instanceId, decrement));
            }

            @Override
            public void suspendProcesses(String group, Set<String> processes) {
                around.accept("SuspendProcesses", () -> p.fleet().suspendProcesses(group, processes));
            }

            @Override
            public void resumeProcesses(String group, Set<String> processes) {
                around.accept("ResumeProcesses", () -> p.fleet().resumeProcesses(group, processes));
            }

            @Override
            public void setInstanceProtection(String group, List<String> instanceIds, boolean protect) {
                around.accept(protect ? "Protect" : "Unprotect",
                        () -> p.fleet().setInstanceProtection(group, instanceIds, protect));
            }
        };
        ContainerInstances ecs = new ContainerInstances() {
            @Override
            public ClusterState describe(String cluster, TaskDetail detail, Set<String> expected) {
                return p.containerInstances().describe(cluster, detail, expected);
            }

            @Override
            public void setState(String cluster, List<String> arns, ContainerInstance.Status status) {
                around.accept("SetState", () -> p.containerInstances().setState(cluster, arns, status));
            }
        };
        LaunchSpecs specs = new LaunchSpecs() {
            @Override
            public String rollTo(String group, AmiRef ami) {
                String[] ref = new String[1];
                around.accept("RollLaunchSpec", () -> ref[0] = p.launchSpecs().rollTo(group, ami));
                return ref[0];
            }
        };
        return new FleetPorts(fleet, ecs, specs, p.amiCatalog(), p.neighbours());
    }

    private void around(String operation, Runnable call) {
        seen++;
        if (seen == crashAt && when == When.BEFORE) {
            throw new Crash("before " + operation + " #" + seen);
        }
        call.run();
        if (seen == crashAt && when == When.AFTER) {
            throw new Crash("after " + operation + " #" + seen);
        }
    }
}
