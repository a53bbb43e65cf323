package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.fleet.GroupSurroundings;

/** Reads what else acts on a group: scaling, schedules, hooks, its capacity provider, shared templates. */
public interface GroupNeighbours {

    /**
     * @param group   the Auto Scaling group
     * @param cluster the ECS cluster it serves, whose capacity providers are searched for the group
     */
    GroupSurroundings read(String group, String cluster);
}
