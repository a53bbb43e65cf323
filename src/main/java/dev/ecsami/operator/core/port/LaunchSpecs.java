package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.model.AmiRef;

/** Launch configurations and launch templates: what new instances of a group are launched from. */
public interface LaunchSpecs {

    /**
     * Points the group at a launch specification that uses the given AMI, creating it if needed.
     * Idempotent: a retry after a crash finds what it created before.
     *
     * @return the new launch reference (configuration name or "lt-id:version")
     */
    String rollTo(String group, AmiRef ami);
}
