package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.api.DrainsResource;
import dev.ecsami.operator.api.Listings;
import dev.ecsami.operator.api.TargetViews;
import dev.ecsami.operator.api.Views;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.port.ExternalCallFailed;
import dev.ecsami.operator.core.port.RolloutStore;
import dev.ecsami.operator.runtime.CommandRejected;
import dev.ecsami.operator.runtime.Overrides;
import dev.ecsami.operator.runtime.RolloutCommands;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The front page's data, read the way the API reads it, so the page shows exactly what
 * GET /api/targets, POST /api/targets/{name}/plan and GET /api/rollouts answer.
 */
@ApplicationScoped
public class DashboardData {
    private final TargetViews targets;
    private final Listings rollouts;
    private final RolloutStore store;
    private final RolloutCommands commands;
    private final Clock clock;
    private final int pageSize;

    public DashboardData(TargetViews targets, Listings rollouts, RolloutStore store,
                         RolloutCommands commands, Clock clock, OperatorConfig config) {
        this.targets = targets;
        this.rollouts = rollouts;
        this.clock = clock;
        this.store = store;
        this.commands = commands;
        this.pageSize = config.dashboard().pageSize();
    }

    OverviewPage overview(Reader reader, String target, String state, int page) {
        String wantedTarget = target == null || target.isBlank() ? null : target;
        String wantedState = state == null || state.isBlank() ? null : state.strip().toUpperCase(Locale.ROOT);
        int total = rollouts.rollouts(wantedTarget, wantedState, 0, 1).total();
        Paging paging = Paging.of(page, pageSize, total);
        Views.Page<Views.RolloutSummary> found = rollouts.rollouts(wantedTarget, wantedState, paging.from(), pageSize);
        List<String> names = commands.targets().keySet().stream().sorted().toList();
        OverviewPage.History history = new OverviewPage.History(
                found.items().stream().map(OverviewPage.HistoryRow::of).toList(), found.total(), paging,
                names.stream().map(n -> new OverviewPage.Option(n, n.equals(wantedTarget))).toList(),
                Arrays.stream(RolloutState.values()).map(s -> new OverviewPage.Option(s.name(),
                        s.name().equals(wantedState))).toList(),
                wantedTarget == null ? "" : wantedTarget, wantedState == null ? "" : wantedState);
        Views.Page<DrainsResource.Drain> recent = rollouts.drains(null, null, 0, pageSize);
        OverviewPage.Drains drainTable = new OverviewPage.Drains(recent.items().stream()
                .map(d -> OverviewPage.DrainRow.of(d, clock.instant())).toList(), recent.total());
        return new OverviewPage(reader, targets.all().stream().map(this::card).toList(), history, drainTable);
    }

    private OverviewPage.TargetCard card(Views.Target t) {
        String from;
        List<Finding> findings;
        String error = t.error() == null ? "" : t.error();
        Optional<dev.ecsami.operator.core.model.Rollout> active = t.activeRollout() == null ? Optional.empty()
                : store.find(t.activeRollout().id());
        if (active.isPresent() && active.get().preflight() != null) {
            from = "pre-flight of rollout " + active.get().id();
            findings = active.get().preflight();
        } else {
            from = "a plan made now";
            try {
                findings = commands.plan(t.name(), Optional.empty(), Overrides.none()).findings();
            } catch (ExternalCallFailed | CommandRejected e) {
                findings = List.of();
                error = error.isEmpty() ? "plan: " + e.getMessage() : error;
            }
        }
        boolean observed = t.instances() != null;
        return new OverviewPage.TargetCard(t.name(), t.cluster(), t.autoScalingGroup(), t.amiSource(),
                Text.lower(t.onNewAmi()), Text.policy(t.policy()), Text.ami(t.currentAmi()),
                Text.amiName(t.currentAmi()), Text.ami(t.latestAmi()), Text.amiName(t.latestAmi()),
                observed && t.instances().outdated() == 0,
                observed ? OverviewPage.Bar.of(t.instances()) : null,
                t.activeRollout() == null ? "" : t.activeRollout().id(),
                t.activeRollout() == null ? "" : t.activeRollout().state().name(),
                t.activeRollout() == null ? "" : Text.lower(t.activeRollout().state()), from,
                RolloutPage.FindingView.of(findings), error, Action.forTarget(t.name()));
    }
}
