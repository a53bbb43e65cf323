package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.model.AmiRef;

import java.util.List;
import java.util.Set;

/**
 * A change to the fleet that the engine asks for. Each is idempotent against the observed state:
 * the engine asks again only while it does not see the effect.
 */
public sealed interface Mutation {

    /** The AWS operation this maps to, for logs and counts: the mutation's own name unless it says otherwise. */
    default String operation() {
        return getClass().getSimpleName();
    }

    /** Point the group's launch configuration / template at the AMI. */
    record RollLaunchSpec(String group, AmiRef ami) implements Mutation {
    }

    /** Absolute desired capacity and max size. */
    record SetCapacity(String group, int desired, int max) implements Mutation {
    }

    record SetInstanceState(String cluster, String containerInstanceArn, String instanceId,
                            ContainerInstance.Status status) implements Mutation {
        @Override
        public String operation() {
            return status == ContainerInstance.Status.DRAINING ? "Drain" : "Reactivate";
        }
    }

    record Terminate(String group, String instanceId, boolean decrementDesired) implements Mutation {
    }

    /** Suspend scaling processes of the group, e.g. AZRebalance, for the rollout's duration. */
    record SuspendProcesses(String group, Set<String> processes) implements Mutation {
        public SuspendProcesses {
            processes = Set.copyOf(processes);
        }
    }

    /** Resume exactly the processes the rollout suspended. */
    record ResumeProcesses(String group, Set<String> processes) implements Mutation {
        public ResumeProcesses {
            processes = Set.copyOf(processes);
        }
    }

    /** Set or clear instance scale-in protection. */
    record SetProtection(String group, List<String> instanceIds, boolean protect) implements Mutation {
        public SetProtection {
            instanceIds = List.copyOf(instanceIds);
        }

        @Override
        public String operation() {
            return protect ? "Protect" : "Unprotect";
        }
    }
}
