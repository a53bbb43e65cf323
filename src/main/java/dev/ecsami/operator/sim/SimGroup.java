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
    List<String> zones;
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
    final List<SimHook> hooks = new ArrayList<>();
    final List<dev.ecsami.operator.core.fleet.GroupSurroundings.ScalingPolicy> policies = new ArrayList<>();
    final List<dev.ecsami.operator.core.fleet.GroupSurroundings.ScheduledAction> schedules = new ArrayList<>();
    dev.ecsami.operator.core.fleet.GroupSurroundings.CapacityProvider capacityProvider;
    List<String> sharedWith = List.of();
    /** Breaks ties between equally small zones at launch; null: the zones' order. */
    java.util.Random zoneTies;
    /** Others' net change of desired capacity (policies, schedules, managed scaling, Standby), for checks. */
    int othersNet;
    /** What else acts on the group, as the neighbours read reports it. */
    dev.ecsami.operator.core.fleet.GroupSurroundings surroundings = dev.ecsami.operator.core.fleet.GroupSurroundings.NONE;

    /** Desired capacity as another actor sets it, within min and max; counted as others' change. */
    void setDesiredByOthers(int value) {
        int clamped = Math.max(min, Math.min(max, value));
        othersNet += clamped - desired;
        desired = clamped;
    }

    SimGroup(String name, String cluster, List<String> zones, int desired, int min, int max) {
        this.name = name;
        this.cluster = cluster;
        this.zones = List.copyOf(zones);
        this.desired = desired;
        this.min = min;
        this.max = max;
    }
}
