package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.api.Views;
import dev.ecsami.operator.api.DrainsResource;
import io.quarkus.qute.TemplateData;

import java.time.Duration;
import java.time.Instant;

import java.util.List;

/** The front page: every target at a glance, the rollout history, then the recent drains. */
@TemplateData
record OverviewPage(Reader reader, List<TargetCard> targets, History history, Drains drains) {

    /**
     * One target. The bar splits its instances into those on the latest AMI, those outdated, and
     * the outdated ones draining now.
     *
     * @param findingsFrom where the findings come from: the active rollout's pre-flight, or a plan made now
     */
    @TemplateData
    record TargetCard(String name, String cluster, String autoScalingGroup, String amiSource, String onNewAmi,
                      String policy, String currentAmi, String currentName, String latestAmi, String latestName,
                      boolean upToDate, Bar bar, String activeId, String activeState, String activeStateClass,
                      String findingsFrom,
                      List<RolloutPage.FindingView> findings, String error, List<Action> actions) {
    }

    @TemplateData
    record Bar(int total, int current, int outdated, int draining, String currentWidth, String outdatedX,
               String outdatedWidth, String drainingX, String drainingWidth) {

        static Bar of(Views.Instances i) {
            int current = i.total() - i.outdated();
            int waiting = Math.max(0, i.outdated() - i.draining());
            return new Bar(i.total(), current, i.outdated(), i.draining(), Text.percent(current, i.total()),
                    Text.percent(current, i.total()), Text.percent(waiting, i.total()),
                    Text.percent(current + waiting, i.total()), Text.percent(i.draining(), i.total()));
        }
    }

    @TemplateData
    record HistoryRow(String id, String target, String state, String stateClass, String fromAmi, String toAmi,
                      String trigger, long replaced, String created, String finished) {

        static HistoryRow of(Views.RolloutSummary s) {
            return new HistoryRow(s.id(), s.target(), s.state().name(), Text.lower(s.state()), Text.ami(s.fromAmi()),
                    Text.ami(s.toAmi()), s.trigger().describe(), s.replaced(), Text.time(s.createdAt()),
                    Text.time(s.finishedAt()));
        }
    }

    @TemplateData
    record Option(String value, boolean selected) {
    }

    @TemplateData
    record History(List<HistoryRow> rows, int total, Paging paging, List<Option> targets, List<Option> states,
                   String target, String state) {

        /** The query string of another page of this history, with the same filter. */
        public String query(int page) {
            return "?target=" + java.net.URLEncoder.encode(target, java.nio.charset.StandardCharsets.UTF_8)
                    + "&state=" + state + "&page=" + page;
        }
    }

    /** The newest drains of instances leaving outside a rollout, as GET /api/drains lists them. */
    @TemplateData
    record Drains(List<DrainRow> rows, int total) {
    }

    /**
     * One drain, from the API's view of it, which never holds the lifecycle action token.
     *
     * @param duration how long it took, or has lasted so far while it drains
     */
    @TemplateData
    record DrainRow(String instance, String target, String group, String cause, String state,
                    String stateClass, String started, String duration, int heartbeats, String outcome) {

        static DrainRow of(DrainsResource.Drain d, Instant now) {
            String cause = switch (d.reason()) {
                case SCALE_IN -> "scale-in";
                case SPOT_INTERRUPTION -> "Spot";
                case REBALANCE_RECOMMENDATION -> "rebalance";
            };
            Duration took = Duration.between(d.startedAt(), d.endedAt() == null ? now : d.endedAt());
            return new DrainRow(d.instanceId(), d.target().isEmpty() ? "(none)" : d.target(), d.group(), cause,
                    d.state().name(), Text.lower(d.state()), Text.time(d.startedAt()),
                    (d.endedAt() == null ? "for " : "") + Text.duration(took), d.heartbeats(), d.detail());
        }
    }
}
