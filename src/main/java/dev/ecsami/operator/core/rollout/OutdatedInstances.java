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
import java.util.Set;
import java.util.TreeMap;

/**
 * Which instances still run the old AMI, in the order they will be replaced.
 *
 * <p>An instance is outdated when it was launched from another launch specification than the
 * group's current one, or when its container instance reports another {@code ecs.ami-id} than
 * the target AMI. The order is stable for the same fleet and keeps the zones balanced: each next
 * instance comes from the zone with most outdated instances (then most instances in the group), as
 * if the ones before it and those already being replaced were gone. The group launches replacements
 * in its smallest zone, so its zones stay even; taking the outdated ones evenly from every zone
 * keeps the last ones from all being in one zone, whose replacements went elsewhere, which
 * AZRebalance would then have to even out.
 *
 * <p>Within a zone, the instances running fewest tasks go first (then by id): a spread placement
 * puts moved tasks where fewest run, so the old instances it would pick are gone before they could
 * take tasks that would have to move again, and tasks that a binpack placement packed onto a few
 * instances move last, once, when mostly new instances are left.
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
        return select(obs, targetImageId, Set.of());
    }

    /**
     * @param leaving instances a rollout is already replacing: first in the order, and counted as
     *                gone when the zones' sizes decide which instance comes next
     */
    public static List<GroupInstance> select(Observation obs, String targetImageId, Set<String> leaving) {
        Map<String, ContainerInstance> byId = obs.cluster().byEc2Instance();
        Map<String, Deque<GroupInstance>> byZone = new TreeMap<>();
        List<GroupInstance> ordered = new ArrayList<>();
        obs.group().instances().stream()
                .filter(gi -> gi.lifecycle() == Lifecycle.IN_SERVICE)
                .filter(gi -> isOutdated(gi, byId.get(gi.instanceId()), obs.group().launchRef(), targetImageId))
                .sorted(Comparator.comparingLong((GroupInstance gi) -> blockingTasks(byId.get(gi.instanceId())))
                        .thenComparing(GroupInstance::instanceId))
                .forEach(gi -> {
                    if (leaving.contains(gi.instanceId())) {
                        ordered.add(gi);
                    } else {
                        byZone.computeIfAbsent(gi.availabilityZone(), z -> new ArrayDeque<>()).add(gi);
                    }
                });
        Map<String, Integer> size = new TreeMap<>();
        obs.group().instances().stream()
                .filter(gi -> !gi.lifecycle().isLeaving() && gi.lifecycle() != Lifecycle.STANDBY)
                .filter(gi -> !leaving.contains(gi.instanceId()))
                .forEach(gi -> size.merge(gi.availabilityZone(), 1, Integer::sum));
        while (true) {
            Deque<GroupInstance> from = byZone.values().stream().filter(d -> !d.isEmpty())
                    .min(Comparator.comparing((Deque<GroupInstance> d) -> -d.size())
                            .thenComparing(d -> -size.getOrDefault(zone(d), 0)).thenComparing(OutdatedInstances::zone))
                    .orElse(null);
            if (from == null) {
                break;
            }
            size.merge(zone(from), -1, Integer::sum);
            ordered.add(from.pollFirst());
        }
        return ordered;
    }

    private static long blockingTasks(ContainerInstance ci) {
        return ci == null ? 0 : ci.blockingTasks();
    }

    private static String zone(Deque<GroupInstance> d) {
        return d.peekFirst().availabilityZone();
    }
}
