package dev.ecsami.operator.core.rollout;

import dev.ecsami.operator.core.fleet.GroupState;
import dev.ecsami.operator.core.fleet.GroupSurroundings;
import dev.ecsami.operator.core.model.Finding;

import java.util.List;
import java.util.Set;

/**
 * What else moves the group, as pre-flight findings: each names the actor and what the rollout
 * does about it. Pure: the same group and surroundings give the same findings.
 */
public final class Neighbourhood {
    private Neighbourhood() {
    }

    /**
     * @param operatorSuspends          the processes the rollout will suspend (policy suspend-processes)
     * @param allowSharedLaunchTemplate whether a launch template other groups use through $Default or
     *                                  $Latest may be rolled (otherwise that is a blocker)
     */
    public static List<Finding> findings(GroupState group, GroupSurroundings around, Set<String> operatorSuspends,
                                         boolean allowSharedLaunchTemplate) {
        return List.of();
    }
}
