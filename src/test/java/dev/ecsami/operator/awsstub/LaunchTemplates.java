package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.fleet.GroupState;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The launch templates the stub shows for the simulated groups. The simulation names a launch
 * specification "lt-&lt;group&gt;:&lt;n&gt;"; on the wire that is version n of one template per group,
 * whose id is derived from the group name. Versions are learnt as the groups are read and created.
 */
final class LaunchTemplates {
    record Version(long number, String imageId, String description) {
    }

    record Ref(String group, long version) {
    }

    private final Map<String, String> groupById = new HashMap<>();
    private final Map<String, TreeMap<Long, Version>> versionsByGroup = new HashMap<>();

    static String idOf(String group) {
        return String.format("lt-0%016x", Integer.toUnsignedLong(group.hashCode()) * 2654435761L);
    }

    static String nameOf(String group) {
        return group + "-nodes";
    }

    /** A simulation launch reference as group and version; the group's own, when it has the usual form. */
    static Ref parse(String simRef) {
        int colon = simRef.lastIndexOf(':');
        if (!simRef.startsWith("lt-") || colon < 0) {
            throw new IllegalArgumentException("not a simulated launch template reference: " + simRef);
        }
        return new Ref(simRef.substring(3, colon), Long.parseLong(simRef.substring(colon + 1)));
    }

    /** Registers the group's template and what its current version launches. */
    Ref observe(GroupState g) {
        Ref current = parse(g.launchRef());
        groupById.put(idOf(g.name()), g.name());
        versions(g.name()).putIfAbsent(current.version(), new Version(current.version(), g.launchImageId(), ""));
        return current;
    }

    void created(String group, long number, String imageId, String description) {
        versions(group).putIfAbsent(number, new Version(number, imageId, description));
    }

    Optional<String> groupOf(String templateId) {
        return Optional.ofNullable(groupById.get(templateId));
    }

    Optional<Version> version(String group, long number) {
        return Optional.ofNullable(versions(group).get(number));
    }

    List<Version> all(String group) {
        return List.copyOf(versions(group).values());
    }

    long latest(String group) {
        return versions(group).isEmpty() ? 1 : versions(group).lastKey();
    }

    private TreeMap<Long, Version> versions(String group) {
        return versionsByGroup.computeIfAbsent(group, g -> new TreeMap<>());
    }
}
