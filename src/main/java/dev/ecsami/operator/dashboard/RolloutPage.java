package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.core.model.Finding;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;
import io.quarkus.qute.TemplateData;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything the rollout page shows, built from the rollout as stored and the clock's now. */
@TemplateData
record RolloutPage(Reader reader, String id, String target, String cluster, String autoScalingGroup, String state,
                   String stateClass, String reason, String fromAmi, String fromName, String toAmi, String toName,
                   String trigger, String policy, String created, String updated, String finished, Progress progress,
                   CapacityChart.Chart chart, Timeline.Page timeline, Events events, List<FindingView> preflight,
                   List<Action> actions) {

    /** A finished rollout changes no more, so its page stops refreshing. */
    public boolean settled() {
        return state.equals("SUCCEEDED") || state.equals("FAILED") || state.equals("ABORTED");
    }

    @TemplateData
    record Progress(long replaced, long skipped, int inFlight, int total, String doneWidth, String flightX,
                    String flightWidth, String percent) {
    }

    @TemplateData
    record EventRow(String at, String time, String type, String typeClass, String instanceId, String message,
                    String actor) {
    }

    @TemplateData
    record Events(List<EventRow> rows, int total, Paging paging) {
    }

    @TemplateData
    record FindingView(String severity, String code, String message) {
        static List<FindingView> of(List<Finding> findings) {
            return findings == null ? List.of() : findings.stream()
                    .map(f -> new FindingView(Text.lower(f.severity()), f.code().name(), f.message())).toList();
        }
    }

    static RolloutPage of(Rollout r, Instant now, Reader reader, int timelinePage, int eventsPage, int size) {
        return new RolloutPage(reader, r.id(), r.target(), r.cluster(), r.autoScalingGroup(), r.state().name(),
                Text.lower(r.state()), r.reason(), Text.ami(r.fromAmi()), Text.amiName(r.fromAmi()),
                Text.ami(r.toAmi()), Text.amiName(r.toAmi()), r.trigger().describe(), Text.policy(r.policy()),
                Text.time(r.createdAt()), Text.time(r.updatedAt()), Text.time(r.finishedAt()), progress(r),
                CapacityChart.of(r, now), Timeline.page(r, now, timelinePage, size), events(r, eventsPage, size),
                FindingView.of(r.preflight()), Action.forRollout(r));
    }

    private static Progress progress(Rollout r) {
        long replaced = r.replacedCount();
        long skipped = r.steps().stream().filter(s -> s.phase() == StepPhase.SKIPPED).count();
        int inFlight = r.inFlight().size();
        int total = Math.max(r.toReplace(), r.steps().size());
        long done = replaced + skipped;
        return new Progress(replaced, skipped, inFlight, total, Text.percent(done, total), Text.percent(done, total),
                Text.percent(inFlight, total), total == 0 ? "100%" : Text.percent(done, total));
    }

    /** The event log, newest first. */
    private static Events events(Rollout r, int page, int size) {
        List<RolloutEvent> all = r.events();
        Paging paging = Paging.of(page, size, all.size());
        List<EventRow> rows = new ArrayList<>();
        for (int i = all.size() - 1 - paging.from(); i >= all.size() - paging.to(); i--) {
            RolloutEvent e = all.get(i);
            rows.add(new EventRow(Text.offset(r.createdAt(), e.at()), Text.time(e.at()), e.type().name(),
                    Text.lower(e.type()), e.instanceId(), e.message(), e.actor()));
        }
        return new Events(rows, all.size(), paging);
    }
}
