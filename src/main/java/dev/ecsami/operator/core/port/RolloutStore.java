package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.model.Rollout;

import java.util.List;
import java.util.Optional;

/** Where rollouts and their history live, so a restart (or another replica) finds them. */
public interface RolloutStore extends VersionedStore<Rollout> {

    /** Rollouts that hold their group: not finished, or still giving back what they changed. */
    @Override
    default List<Rollout> active() {
        return all().stream().filter(Rollout::holdsGroup).toList();
    }

    default Optional<Rollout> activeFor(String autoScalingGroup) {
        return active().stream().filter(r -> r.autoScalingGroup().equals(autoScalingGroup)).findFirst();
    }
}
