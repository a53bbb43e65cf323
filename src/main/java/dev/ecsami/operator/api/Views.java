package dev.ecsami.operator.api;

import dev.ecsami.operator.core.model.AmiRef;
import dev.ecsami.operator.core.model.OnNewAmi;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutPolicy;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.model.Trigger;

import java.time.Instant;
import java.util.List;

/** Response bodies of the API that are not domain records themselves. */
public final class Views {
    private Views() {
    }

    /** One line of GET /api/rollouts. */
    public record RolloutSummary(String id, String target, String cluster, String autoScalingGroup,
                                 RolloutState state, String reason, AmiRef fromAmi, AmiRef toAmi, Trigger trigger,
                                 long replaced, int inFlight, Instant createdAt, Instant updatedAt,
                                 Instant finishedAt) {
        static RolloutSummary of(Rollout r) {
            return new RolloutSummary(r.id(), r.target(), r.cluster(), r.autoScalingGroup(), r.state(), r.reason(),
                    r.fromAmi(), r.toAmi(), r.trigger(), r.replacedCount(), r.inFlight().size(), r.createdAt(),
                    r.updatedAt(), r.finishedAt());
        }
    }

    public record Page<T>(List<T> items, int total, int offset, Integer nextOffset) {
    }

    public record Instances(int total, int outdated, int draining) {
    }

    public record ActiveRollout(String id, RolloutState state) {
    }

    /**
     * One target of GET /api/targets. When AWS could not be read for it, {@code error} says why
     * and the observed fields are null.
     */
    /**
     * @param leader     the replica that drives the target's rollouts, or null while none leads
     * @param answeredBy the replica that answered
     */
    public record Target(String name, String cluster, String autoScalingGroup, String amiSource,
                         OnNewAmi onNewAmi, RolloutPolicy policy, AmiRef currentAmi, AmiRef latestAmi,
                         Instances instances, ActiveRollout activeRollout, String error, String leader,
                         String answeredBy) {
    }
}
