package dev.ecsami.operator.awsstub;

import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.sim.SimulatedAws;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The groups the stub has been asked about, and their surroundings as the simulation last reported
 * them. AWS answers account-wide calls (every group, a cluster's capacity providers) from everything
 * it holds; the stub answers them from what it has seen, which the adapter always reads by group
 * name first.
 */
final class SeenGroups {
    private final SimulatedAws aws;
    private final Set<String> names = new LinkedHashSet<>();
    private final Map<String, GroupSurroundings> surroundings = new LinkedHashMap<>();

    SeenGroups(SimulatedAws aws) {
        this.aws = aws;
    }

    void add(String group) {
        names.add(group);
    }

    Set<String> names() {
        return Set.copyOf(names);
    }

    /** The simulation's answer, through its fault plan, remembered for the account-wide calls. */
    GroupSurroundings read(String group) {
        GroupSurroundings read = aws.neighbours().read(group, "");
        names.add(group);
        surroundings.put(group, read);
        return read;
    }

    /** The surroundings last read, by group, in the order the groups were first seen. */
    Map<String, GroupSurroundings> lastRead() {
        return new LinkedHashMap<>(surroundings);
    }
}
