package dev.ecsami.operator.core.port;

import dev.ecsami.operator.core.model.Rollout;

import java.util.List;
import java.util.Optional;

/**
 * Where rollouts and their history live, so a restart (or another replica) finds them. Writes are
 * compare-and-set: a write made from a copy that someone else has since changed is refused with
 * {@link Conflict}, and nothing of it is kept.
 */
public interface RolloutStore {

    /**
     * Stores a new rollout.
     *
     * @throws Conflict if its group already has an active rollout or the id is taken
     */
    void create(Rollout rollout);

    /**
     * Replaces {@code before}, as it was read, by {@code after}: atomically, a reader sees the old or
     * the new one, never a mix.
     *
     * @param fencingToken the writer's leader lease token, or 0 for a write that records no AWS
     *                     change; a write with a token lower than one already recorded is refused
     * @throws Conflict if the stored rollout is no longer {@code before}, or the token is stale
     */
    void update(Rollout before, Rollout after, long fencingToken);

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

    /** A write lost a race: someone else changed the rollout first, or a newer leader fenced this one off. */
    final class Conflict extends RuntimeException {
        public Conflict(String message) {
            super(message);
        }
    }
}
