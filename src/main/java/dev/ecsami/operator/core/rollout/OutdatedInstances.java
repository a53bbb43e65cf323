package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which instances still run the old AMI, in the order they will be replaced.
 *
 * <p>An instance is outdated when it was launched from another launch specification than the
 * group's current one, or when its container instance reports another {@code ecs.ami-id} than
 * the target AMI. The order is stable for the same fleet and spreads across availability zones:
 * zones take turns, the zone with most outdated instances first, instances by id within a zone.
 */
public final class OutdatedInstances {
    private OutdatedInstances() {
    }

    public static boolean isOutdated(GroupInstance gi, ContainerInstance ci, String groupLaunchRef,
                                     String targetImageId) {
        boolean amiDiffers = ci != null && !ci.amiId().isEmpty() && !ci.amiId().equals(targetImageId);
        boolean refDiffers = !gi.launchRef().isEmpty() && !groupLaunchRef.isEmpty()
                && !gi.launchRef().equals(groupLaunchRef);
        return amiDiffers || refDiffers;
    }

    /** Outdated instances in Standby, which the rollout does not replace, by id. */
    public static List<String> inStandby(Observation obs, String targetImageId) {
        Map<String, ContainerInstance> byId = obs.cluster().byEc2Instance();
        return obs.group().instances().stream()
                .filter(gi -> gi.lifecycle() == Lifecycle.STANDBY)
                .filter(gi -> isOutdated(gi, byId.get(gi.instanceId()), obs.group().launchRef(), targetImageId))
                .map(GroupInstance::instanceId).sorted().toList();
    }

    public static List<GroupInstance> select(Observation obs, String targetImageId) {
        Map<String, ContainerInstance> byId = obs.cluster().byEc2Instance();
        Map<String, Deque<GroupInstance>> byZone = new TreeMap<>();
        obs.group().instances().stream()
                .filter(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE)
                .filter(gi -> isOutdated(gi, byId.get(gi.instanceId()), obs.group().launchRef(), targetImageId))
                .sorted(Comparator.comparing(GroupInstance::instanceId))
                .forEach(gi -> byZone.computeIfAbsent(gi.availabilityZone(), z -> new ArrayDeque<>()).add(gi));
        List<Deque<GroupInstance>> zones = new ArrayList<>(byZone.values());
        zones.sort(Comparator.comparing((Deque<GroupInstance> d) -> -d.size())
                .thenComparing(d -> d.peekFirst().availabilityZone()));
        List<GroupInstance> ordered = new ArrayList<>();
        boolean any = true;
        while (any) {
            any = false;
            for (Deque<GroupInstance> zone : zones) {
                GroupInstance next = zone.pollFirst();
                if (next != null) {
                    ordered.add(next);
                    any = true;
                }
            }
        }
        return ordered;
    }
}
