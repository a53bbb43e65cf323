package dev.ecsami.operator.store;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.port.VersionedStore.Conflict;

import java.util.Map;

/** The compare-and-set rules of the single-process stores, which hold every rollout in a map. */
final class LocalWrites {
    private LocalWrites() {
    }

    static void checkCreate(Map<String, Rollout> current, Rollout created) {
        if (current.containsKey(created.id())) {
            throw new Conflict("rollout " + created.id() + " already exists");
        }
        current.values().stream()
                .filter(r -> r.state().isActive() && r.autoScalingGroup().equals(created.autoScalingGroup()))
                .findFirst().ifPresent(r -> {
                    throw new Conflict("group " + created.autoScalingGroup() + " already has rollout " + r.id()
                            + " (" + r.state() + ")");
                });
    }

    static void checkUpdate(Map<String, Rollout> current, Rollout before, Rollout after) {
        if (!before.id().equals(after.id())) {
            throw new IllegalArgumentException("cannot replace rollout " + before.id() + " by " + after.id());
        }
        Rollout stored = current.get(before.id());
        if (stored == null) {
            throw new Conflict("rollout " + before.id() + " does not exist");
        }
        if (!stored.equals(before)) {
            throw new Conflict("rollout " + before.id() + " changed since it was read");
        }
    }
}
