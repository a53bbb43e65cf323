package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.fleet.GroupState;

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

    /** Terminates one instance through the group. */
    void terminate(String group, String instanceId, boolean decrementDesiredCapacity);
}
