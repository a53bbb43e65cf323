package dev.ecsami.operator.sim;

import dev.ecsami.operator.core.fleet.Resources;

import java.util.Set;

/** An ECS service in a simulated cluster. */
final class SimService {
    final String name;
    final String cluster;
    int desired;
    final int minHealthyPercent;
    final int maxPercent;
    final boolean daemon;
    final boolean distinctInstance;
    final Resources need;
    final Set<Integer> hostPorts;
    final SimPlacement placement;
    /** Fault: its new tasks fail to start, so it never gets back to steady. */
    boolean unhealthy;

    SimService(String name, String cluster, int desired, int minHealthyPercent, int maxPercent, boolean daemon,
               boolean distinctInstance, Resources need, Set<Integer> hostPorts, SimPlacement placement) {
        this.name = name;
        this.cluster = cluster;
        this.desired = desired;
        this.minHealthyPercent = minHealthyPercent;
        this.maxPercent = maxPercent;
        this.daemon = daemon;
        this.distinctInstance = distinctInstance;
        this.need = need;
        this.hostPorts = Set.copyOf(hostPorts);
        this.placement = placement;
    }
}
