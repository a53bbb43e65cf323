package dev.ecsami.operator.sim;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which instance a group terminates on scale-in or rebalancing, after its termination policies,
 * among the instances not protected from scale-in. Default: the zone with most instances (that has
 * an unprotected one), then the oldest launch template or configuration, then the instance closest
 * to the next billing hour (approximated deterministically by launch time, then id).
 */
final class SimTerminationPolicy {
    private SimTerminationPolicy() {
    }

    static Optional<SimInstance> pick(SimGroup g, List<SimInstance> active, boolean honourProtection) {
        List<SimInstance> candidates = active.stream().filter(i -> !honourProtection || !i.protectedFromScaleIn)
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> perZone = active.stream().collect(Collectors.groupingBy(i -> i.az, Collectors.counting()));
        long most = candidates.stream().mapToLong(i -> perZone.get(i.az)).max().orElse(0);
        String zone = candidates.stream().filter(i -> perZone.get(i.az) == most).map(i -> i.az).sorted()
                .findFirst().orElseThrow();
        List<SimInstance> inZone = candidates.stream().filter(i -> i.az.equals(zone)).toList();
        String policy = g.terminationPolicies.isEmpty() ? "Default" : g.terminationPolicies.get(0);
        Comparator<SimInstance> byAge = Comparator.comparing((SimInstance i) -> i.launchedAt).thenComparing(i -> i.id);
        Comparator<SimInstance> order = switch (policy) {
            case "NewestInstance" -> byAge.reversed();
            case "OldestInstance" -> byAge;
            default -> Comparator.comparing((SimInstance i) -> i.launchRef.equals(g.launchRef))
                    .thenComparing(i -> version(i.launchRef)).thenComparing(byAge);
        };
        return inZone.stream().min(order);
    }

    private static int version(String launchRef) {
        int colon = launchRef.lastIndexOf(':');
        try {
            return colon < 0 ? 0 : Integer.parseInt(launchRef.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
