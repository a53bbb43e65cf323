package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.fleet.GroupState;

import java.util.List;
import java.util.Set;

/** The EC2 Auto Scaling group behind a cluster. */
public interface Fleet {

    /**
     * Reads the group, its instances and the AMI its launch specification uses now.
     *
     * @throws ExternalCallFailed with code "NotFound" when there is no such group
     */
    GroupState describe(String group);

    /** Sets desired capacity and max size to absolute values (idempotent). */
    void setCapacity(String group, int desired, int max);

    /**
     * Of these instances, the ones whose termination was asked for through the API
     * (TerminateInstanceInAutoScalingGroup, "in response to a user request" in the group's scaling
     * activities) rather than decided by the group itself (scale-in, health check, Spot).
     */
    Set<String> terminatedOnRequest(String group, Set<String> instanceIds);

    /** Terminates one instance through the group. */
    void terminate(String group, String instanceId, boolean decrementDesiredCapacity);

    /** Suspends scaling processes (e.g. AZRebalance); suspending a suspended one changes nothing. */
    void suspendProcesses(String group, Set<String> processes);

    /** Resumes exactly the named scaling processes; the others stay as they are. */
    void resumeProcesses(String group, Set<String> processes);

    /** Sets or clears instance scale-in protection on instances of the group. */
    void setInstanceProtection(String group, List<String> instanceIds, boolean protect);
}
