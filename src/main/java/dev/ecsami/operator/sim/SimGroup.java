package dev.ecsami.operator.sim;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An Auto Scaling group in the simulated world, with its launch specifications. */
final class SimGroup {
    final String name;
    final String cluster;
    final List<String> zones;
    int desired;
    int min;
    int max;
    String launchRef;
    /** Launch reference to the AMI it launches. */
    final Map<String, String> launchSpecs = new LinkedHashMap<>();
    final List<SimInstance> instances = new ArrayList<>();
    final Set<String> suspended = new HashSet<>();
    String desiredCapacityType = "units";
    boolean newInstancesProtected;
    List<String> terminationPolicies = List.of("Default");
    /** What else acts on the group, as the neighbours read reports it. */
    dev.ecsami.operator.core.fleet.GroupSurroundings surroundings = dev.ecsami.operator.core.fleet.GroupSurroundings.NONE;

    SimGroup(String name, String cluster, List<String> zones, int desired, int min, int max) {
        this.name = name;
        this.cluster = cluster;
        this.zones = List.copyOf(zones);
        this.desired = desired;
        this.min = min;
        this.max = max;
    }
}
