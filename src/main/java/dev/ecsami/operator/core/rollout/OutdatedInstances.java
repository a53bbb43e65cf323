package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.ContainerInstance;
import dev.ecsami.operator.core.fleet.GroupInstance;
import dev.ecsami.operator.core.fleet.Lifecycle;
import dev.ecsami.operator.core.fleet.Observation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which instances still run the old AMI, in the order they will be replaced.
 *
 * <p>An instance is outdated when it was launched from another launch specification than the
 * group's current one, or when its container instance reports another {@code ecs.ami-id} than
 * the target AMI.
 *
 * <p>The order steers where the group's launches go, so that the zones end even. The group
 * launches each instance in its zone with fewest instances, counting the old ones still there; so
 * a termination frees a slot that the next launch fills, in the same zone when the zones were even.
 * The order plays that forward: the launches of this tick (replacements booted ahead, over the
 * group less this tick's terminations), then one after each termination still to come (the
 * instances being replaced, in the order they started, then those this order picks), while
 * launches are left. Each next instance comes from the zone that would otherwise end with fewest
 * instances that stay; once no launch is left, from the zone with most outdated instances. Between
 * zones equal on that, the one whose next instance runs fewest tasks goes first. Which zone wins a
 * tie between equally small zones is not documented by AWS; the order assumes the group's order
 * and is played again from what is observed every tick, and where the group chose otherwise the
 * zones are evened out at the end ({@link ZoneBalance}). Instances already being replaced come
 * first, in the order they started.
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
     * The order for a tick: the instances its steps replace first, in the order they started, then
     * the rest as the group will launch after this tick's terminations and replacements booted
     * ahead.
     */
    static List<GroupInstance> inReplacementOrder(Tick tick) {
        Set<String> leaving = new LinkedHashSet<>();
        tick.steps().stream().filter(s -> !s.phase().isFinished()).forEach(s -> leaving.add(s.instanceId()));
        Set<String> terminating = new HashSet<>();
        tick.mutations().stream().filter(m -> m instanceof Mutation.Terminate)
                .forEach(m -> terminating.add(((Mutation.Terminate) m).instanceId()));
        int launchingNow = tick.policy().surge() ? Math.max(0, tick.admissionLimit() - tick.admitted()) : 0;
        return select(tick.observed, tick.rollout.toAmi().imageId(), leaving, terminating, launchingNow);
    }

    public static List<GroupInstance> select(Observation obs, String targetImageId, Set<String> leaving) {
        return select(obs, targetImageId, leaving, Set.of(), 0);
    }

    /**
     * @param leaving      instances a rollout is already replacing, in the order it started them (the
     *                     set's iteration order): first in the order
     * @param terminating  instances this tick terminates
     * @param launchingNow replacements the group launches at once for the next instances, with the
     *                     instances of {@code terminating} gone
     */
    public static List<GroupInstance> select(Observation obs, String targetImageId, Set<String> leaving,
                                             Set<String> terminating, int launchingNow) {
        Map<String, ContainerInstance> byId = obs.cluster().byEc2Instance();
        Map<String, Deque<GroupInstance>> byZone = new TreeMap<>();
        Map<String, GroupInstance> replacing = new LinkedHashMap<>();
        leaving.forEach(id -> replacing.put(id, null));
        Map<String, Integer> size = new LinkedHashMap<>();
        obs.group().availabilityZones().forEach(z -> size.put(z, 0));
        obs.group().instances().stream().map(GroupInstance::availabilityZone).sorted()
                .forEach(z -> size.putIfAbsent(z, 0));
        Map<String, Integer> settled = new LinkedHashMap<>(size);
        obs.group().instances().stream()
                .filter(gi -> !gi.lifecycle().isLeaving() && gi.lifecycle() != Lifecycle.STANDBY)
                .sorted(Comparator.comparingLong((GroupInstance gi) -> blockingTasks(byId.get(gi.instanceId())))
                        .thenComparing(GroupInstance::instanceId))
                .forEach(gi -> {
                    if (!terminating.contains(gi.instanceId())) {
                        size.merge(gi.availabilityZone(), 1, Integer::sum);
                    }
                    if (!isOutdated(gi, byId.get(gi.instanceId()), obs.group().launchRef(), targetImageId)) {
                        settled.merge(gi.availabilityZone(), 1, Integer::sum);
                    } else if (replacing.containsKey(gi.instanceId())) {
                        replacing.put(gi.instanceId(), gi);
                    } else if (gi.lifecycle() == Lifecycle.IN_SERVICE) {
                        byZone.computeIfAbsent(gi.availabilityZone(), z -> new ArrayDeque<>()).add(gi);
                    }
                });
        List<GroupInstance> ordered = new ArrayList<>();
        replacing.values().stream().filter(gi -> gi != null && gi.lifecycle() == Lifecycle.IN_SERVICE)
                .forEach(ordered::add);
        int[] launches = {byZone.values().stream().mapToInt(Deque::size).sum()};
        for (int i = Math.min(launches[0], launchingNow); i > 0; i--) {
            launch(size, settled, launches);
        }
        replacing.values().stream().filter(gi -> gi != null && !terminating.contains(gi.instanceId()))
                .forEach(gi -> {
                    size.merge(gi.availabilityZone(), -1, Integer::sum);
                    launch(size, settled, launches);
                });
        while (byZone.values().stream().anyMatch(d -> !d.isEmpty())) {
            Comparator<Deque<GroupInstance>> order = launches[0] > 0
                    ? Comparator.comparing((Deque<GroupInstance> d) -> settled.get(zone(d)))
                    : Comparator.comparing((Deque<GroupInstance> d) -> -d.size());
            Deque<GroupInstance> from = byZone.values().stream().filter(d -> !d.isEmpty())
                    .min(order.thenComparingLong(d -> blockingTasks(byId.get(d.peekFirst().instanceId())))
                            .thenComparing(d -> -d.size()).thenComparing(OutdatedInstances::zone)).orElseThrow();
            size.merge(zone(from), -1, Integer::sum);
            launch(size, settled, launches);
            ordered.add(from.pollFirst());
        }
        return ordered;
    }

    /** The group launches one of the replacements still to come, if any, in its smallest zone. */
    private static void launch(Map<String, Integer> size, Map<String, Integer> settled, int[] launches) {
        if (launches[0] <= 0) {
            return;
        }
        launches[0]--;
        String zone = size.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        size.merge(zone, 1, Integer::sum);
        settled.merge(zone, 1, Integer::sum);
    }

    private static long blockingTasks(ContainerInstance ci) {
        return ci == null ? 0 : ci.blockingTasks();
    }

    private static String zone(Deque<GroupInstance> d) {
        return d.peekFirst().availabilityZone();
    }
}
