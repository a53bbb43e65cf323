package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.core.model.InstanceStep;
import dev.ecsami.operator.core.model.PhaseMark;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.StepPhase;
import io.quarkus.qute.TemplateData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-instance timeline of a rollout, one page at a time: one row per old instance, a cell per
 * phase it went through (when it entered, how long it took) and a bar of its phases on the
 * rollout's time axis. Forced steps, timeouts, pauses and AWS errors that concern it are marked.
 */
final class Timeline {
    private static final List<StepPhase> COLUMNS = List.of(StepPhase.LAUNCH_REPLACEMENT, StepPhase.DRAIN,
            StepPhase.WAIT_STEADY, StepPhase.TERMINATE, StepPhase.AWAIT_REPLACEMENT, StepPhase.BAKE);
    private static final Map<StepPhase, String> TITLES = Map.of(
            StepPhase.LAUNCH_REPLACEMENT, "replacement boot",
            StepPhase.DRAIN, "DRAINING",
            StepPhase.WAIT_STEADY, "drained, services steadying",
            StepPhase.TERMINATE, "terminating",
            StepPhase.AWAIT_REPLACEMENT, "replacement boot (after terminate)",
            StepPhase.BAKE, "bake");
    private static final Set<RolloutEvent.Type> MARKED = Set.of(RolloutEvent.Type.FORCED,
            RolloutEvent.Type.REACTIVATED, RolloutEvent.Type.INSTANCE_SKIPPED, RolloutEvent.Type.AWS_ERROR);

    @TemplateData
    record Column(String phase, String title) {
    }

    @TemplateData
    record Cell(boolean entered, String at, String took, boolean current) {
    }

    @TemplateData
    record Segment(String x, String width, String phase) {
    }

    @TemplateData
    record Marker(String kind, String text) {
    }

    @TemplateData
    record Row(String instanceId, String availabilityZone, String phase, String phaseClass, boolean forced,
               List<Cell> cells, List<Segment> segments, List<Marker> markers, String finished) {
    }

    @TemplateData
    record Page(List<Column> columns, List<Row> rows, int total, int first, int last, Paging paging) {
    }

    private Timeline() {
    }

    static Page page(Rollout r, Instant now, int page, int size) {
        List<StepPhase> used = COLUMNS.stream().filter(p -> r.steps().stream()
                .anyMatch(s -> s.firstEntered(p).isPresent())).toList();
        Paging paging = Paging.of(page, size, r.steps().size());
        Instant end = r.finishedAt() != null ? r.finishedAt() : now;
        Map<String, List<Marker>> markers = markers(r, paging);
        List<Row> rows = new ArrayList<>();
        for (InstanceStep s : r.steps().subList(paging.from(), paging.to())) {
            rows.add(row(r, s, used, end, markers.getOrDefault(s.instanceId(), List.of())));
        }
        List<Column> columns = used.stream().map(p -> new Column(Text.lower(p), TITLES.get(p))).toList();
        return new Page(columns, rows, r.steps().size(), paging.from() + 1, paging.to(), paging);
    }

    private static Row row(Rollout r, InstanceStep s, List<StepPhase> used, Instant end, List<Marker> markers) {
        Map<StepPhase, Duration> spent = new EnumMap<>(StepPhase.class);
        List<Segment> segments = new ArrayList<>();
        long span = Math.max(1, Duration.between(r.createdAt(), end).toMillis());
        List<PhaseMark> marks = s.marks();
        for (int i = 0; i < marks.size(); i++) {
            PhaseMark m = marks.get(i);
            if (m.phase().isFinished()) {
                continue;
            }
            Instant until = i + 1 < marks.size() ? marks.get(i + 1).at() : end;
            spent.merge(m.phase(), Duration.between(m.at(), until), Duration::plus);
            long x = Duration.between(r.createdAt(), m.at()).toMillis();
            long w = Math.max(0, Duration.between(m.at(), until).toMillis());
            segments.add(new Segment(Text.percent(x, span), Text.percent(w, span), Text.lower(m.phase())));
        }
        List<Cell> cells = new ArrayList<>();
        for (StepPhase p : used) {
            cells.add(s.firstEntered(p).map(at -> new Cell(true, Text.offset(r.createdAt(), at),
                    Text.duration(spent.get(p)), s.phase() == p)).orElse(new Cell(false, "", "", false)));
        }
        List<Marker> all = new ArrayList<>(markers);
        if (s.forced() && all.stream().noneMatch(m -> m.kind().equals("forced"))) {
            all.add(new Marker("forced", "terminated before its drain finished"));
        }
        return new Row(s.instanceId(), s.availabilityZone(), s.phase().name(), Text.lower(s.phase()), s.forced(),
                cells, segments, all, s.finishedAt().map(at -> Text.offset(r.createdAt(), at)).orElse(""));
    }

    /** Events about the instances of this page, and pauses whose reason names one of them. */
    private static Map<String, List<Marker>> markers(Rollout r, Paging paging) {
        Map<String, List<Marker>> out = new HashMap<>();
        List<InstanceStep> shown = r.steps().subList(paging.from(), paging.to());
        Set<String> ids = new java.util.HashSet<>();
        shown.forEach(s -> ids.add(s.instanceId()));
        for (RolloutEvent e : r.events()) {
            if (MARKED.contains(e.type()) && ids.contains(e.instanceId())) {
                out.computeIfAbsent(e.instanceId(), k -> new ArrayList<>()).add(new Marker(kind(e), e.message()));
            } else if (e.type() == RolloutEvent.Type.PAUSED) {
                for (InstanceStep s : shown) {
                    if (e.message().contains(s.instanceId())) {
                        out.computeIfAbsent(s.instanceId(), k -> new ArrayList<>()).add(new Marker(kind(e),
                                e.message()));
                    }
                }
            }
        }
        return out;
    }

    private static String kind(RolloutEvent e) {
        return switch (e.type()) {
            case FORCED -> "forced";
            case REACTIVATED -> "timeout";
            case INSTANCE_SKIPPED -> "skipped";
            case AWS_ERROR -> "error";
            default -> e.message().contains("timed out") || e.message().contains(" within ") ? "timeout" : "pause";
        };
    }
}
