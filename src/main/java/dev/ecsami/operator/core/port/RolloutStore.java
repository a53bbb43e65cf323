package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.model.Rollout;

import java.util.List;
import java.util.Optional;

/** Where rollouts and their history live, so a restart finds them. */
public interface RolloutStore {

    /** Saves the whole rollout atomically: a reader sees the old or the new one, never a mix. */
    void save(Rollout rollout);

    Optional<Rollout> find(String id);

    /** Every rollout, newest first. */
    List<Rollout> all();

    /** Rollouts that hold their group: not finished, or still giving back what they changed. */
    default List<Rollout> active() {
        return all().stream().filter(Rollout::holdsGroup).toList();
    }

    default Optional<Rollout> activeFor(String autoScalingGroup) {
        return active().stream().filter(r -> r.autoScalingGroup().equals(autoScalingGroup)).findFirst();
    }
}
