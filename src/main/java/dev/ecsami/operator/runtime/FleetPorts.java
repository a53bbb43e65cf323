package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.port.AmiCatalog;
import dev.ecsami.operator.core.port.ContainerInstances;
import dev.ecsami.operator.core.port.Fleet;
import dev.ecsami.operator.core.port.LaunchSpecs;

/** The four ports that reach AWS (or the simulation), handed around together. */
public record FleetPorts(Fleet fleet, ContainerInstances containerInstances, LaunchSpecs launchSpecs,
                         AmiCatalog amiCatalog) {
}
