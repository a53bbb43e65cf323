package dev.ecsami.operator.dashboard;

import dev.ecsami.operator.core.model.CapacitySample;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import io.quarkus.qute.TemplateData;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * Capacity over the rollout's time as SVG geometry: desired, serving and floor as step lines from
 * the samples the ticks recorded, and the paused stretches as bands. Drawn on the server, so the
 * chart needs no script and carries no inline style.
 */
final class CapacityChart {
    static final int WIDTH = 640;
    static final int HEIGHT = 200;
    private static final int LEFT = 36;
    private static final int RIGHT = 8;
    private static final int TOP = 10;
    private static final int BOTTOM = 24;

    @TemplateData
    record Band(String x, String width, String title) {
    }

    @TemplateData
    record Tick(String at, String label, String anchor) {
    }

    @TemplateData
    record Chart(boolean empty, int width, int height, String desired, String serving, String floor,
                 List<Band> pauses, List<Tick> yTicks, List<Tick> xTicks, int left, int right, int top, int bottom,
                 String lastSample) {

        public int plotHeight() {
            return bottom - top;
        }

        public int labelX() {
            return left - 6;
        }

        public int labelY() {
            return height - 6;
        }
    }

    private CapacityChart() {
    }

    static Chart of(Rollout r, Instant now) {
        List<CapacitySample> samples = r.capacity();
        Instant start = r.createdAt();
        Instant end = r.finishedAt() != null ? r.finishedAt() : now;
        long span = Math.max(1, Duration.between(start, end).toMillis());
        int max = 1;
        for (CapacitySample s : samples) {
            max = Math.max(max, Math.max(s.desired(), Math.max(s.serving(), s.floor())));
        }
        int top = max + 1;
        Axis axis = new Axis(start, span, top);
        List<Tick> yTicks = new ArrayList<>();
        int step = Math.max(1, top / 5);
        for (int v = 0; v <= top; v += step) {
            yTicks.add(new Tick(num(axis.y(v)), Integer.toString(v), "end"));
        }
        List<Tick> xTicks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            Instant at = start.plusMillis(span * i / 4);
            xTicks.add(new Tick(num(axis.x(at)), Text.offset(start, at), i == 0 ? "start" : i == 4 ? "end" : "middle"));
        }
        String last = samples.isEmpty() ? "" : describe(samples.get(samples.size() - 1));
        return new Chart(samples.isEmpty(), WIDTH, HEIGHT, line(samples, axis, end, CapacitySample::desired),
                line(samples, axis, end, CapacitySample::serving), line(samples, axis, end, CapacitySample::floor),
                pauses(r, axis, end), yTicks, xTicks, LEFT, WIDTH - RIGHT, TOP, HEIGHT - BOTTOM, last);
    }

    private static String describe(CapacitySample s) {
        return "desired " + s.desired() + ", serving " + s.serving() + ", floor " + s.floor();
    }

    private static String line(List<CapacitySample> samples, Axis axis, Instant end,
                               ToIntFunction<CapacitySample> value) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < samples.size(); i++) {
            CapacitySample s = samples.get(i);
            Instant until = i + 1 < samples.size() ? samples.get(i + 1).at() : end;
            double y = axis.y(value.applyAsInt(s));
            points.append(num(axis.x(s.at()))).append(',').append(num(y)).append(' ')
                    .append(num(axis.x(until))).append(',').append(num(y)).append(' ');
        }
        return points.toString().strip();
    }

    private static List<Band> pauses(Rollout r, Axis axis, Instant end) {
        List<Band> bands = new ArrayList<>();
        RolloutEvent open = null;
        for (RolloutEvent e : r.events()) {
            if (e.type() == RolloutEvent.Type.PAUSED && open == null) {
                open = e;
            } else if (open != null && (e.type() == RolloutEvent.Type.RESUMED || e.type() == RolloutEvent.Type.ABORTED
                    || e.type() == RolloutEvent.Type.FAILED)) {
                bands.add(band(axis, open, e.at()));
                open = null;
            }
        }
        if (open != null) {
            bands.add(band(axis, open, end));
        }
        return bands;
    }

    private static Band band(Axis axis, RolloutEvent paused, Instant until) {
        double x = axis.x(paused.at());
        return new Band(num(x), num(Math.max(1, axis.x(until) - x)), "paused: " + paused.message());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private record Axis(Instant start, long spanMillis, int top) {
        double x(Instant at) {
            double share = Math.min(1, Math.max(0, (double) Duration.between(start, at).toMillis() / spanMillis));
            return LEFT + share * (WIDTH - LEFT - RIGHT);
        }

        double y(int value) {
            return TOP + (double) (top - value) / top * (HEIGHT - TOP - BOTTOM);
        }
    }
}
