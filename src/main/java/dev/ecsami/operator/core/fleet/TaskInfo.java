package dev.ecsami.operator.core.fleet;

import java.util.Set;

/**
 * A task placed on a container instance (desired status RUNNING).
 *
 * @param service the service that owns it, empty for a standalone task started by RunTask
 */
public record TaskInfo(String taskArn, Kind kind, String service, Resources need, Set<Integer> hostPorts) {
    public enum Kind { SERVICE, STANDALONE, DAEMON }

    public TaskInfo {
        service = service == null ? "" : service;
        hostPorts = Set.copyOf(hostPorts);
    }
}
