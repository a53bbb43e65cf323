package dev.ecsami.operator.api;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.port.DrainStore;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.CommandRejected;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The paginated histories GET /api/rollouts and GET /api/drains answer, for the API and the
 * dashboard alike: newest first, filtered by target and state.
 */
@ApplicationScoped
public class Listings {
    private final RolloutStore rollouts;
    private final DrainStore drains;
    private final ApiConfig config;

    public Listings(RolloutStore rollouts, DrainStore drains, ApiConfig config) {
        this.rollouts = rollouts;
        this.drains = drains;
        this.config = config;
    }

    /** @throws CommandRejected naming state, offset or limit when one is not valid */
    public Views.Page<Views.RolloutSummary> rollouts(String target, String state, int offset, Integer limit) {
        Optional<RolloutState> wanted = state(RolloutState.class, state);
        return page(rollouts.all(), Rollout::target, Rollout::state, target, wanted, offset, limit,
                Views.RolloutSummary::of);
    }

    /** @throws CommandRejected naming state, offset or limit when one is not valid */
    public Views.Page<DrainsResource.Drain> drains(String target, String state, int offset, Integer limit) {
        Optional<DrainRecord.State> wanted = state(DrainRecord.State.class, state);
        return page(drains.all(), DrainRecord::target, DrainRecord::state, target, wanted, offset, limit,
                DrainsResource.Drain::of);
    }

    private <T, S, V> Views.Page<V> page(List<T> all, Function<T, String> targetOf, Function<T, S> stateOf,
                                         String target, Optional<S> state, int offset, Integer limit,
                                         Function<T, V> view) {
        PageParams paging = PageParams.of(offset, limit, config.defaultPageSize());
        List<T> matching = all.stream()
                .filter(x -> target == null || targetOf.apply(x).equals(target))
                .filter(x -> state.isEmpty() || stateOf.apply(x) == state.get()).toList();
        return paging.page(matching, view);
    }

    private static <S extends Enum<S>> Optional<S> state(Class<S> type, String state) {
        if (state == null || state.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, state.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new CommandRejected(CommandRejected.Reason.INVALID, "state", "state '" + state + "' must be one of "
                    + List.of(type.getEnumConstants()));
        }
    }
}
