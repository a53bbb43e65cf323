package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.rollout.DurationText;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drains of instances leaving outside a rollout, summed up per target and interval instead of one
 * message per scale-in: a target's window opens with its first drain event and closes an interval
 * later; then one message gives the counts, the longest drain and every drain that timed out with
 * what the policy did. Driven by the instants it is given, never by a timer of its own.
 */
final class DrainDigest {
    /** Timed-out drains named one per line before "and N more". */
    static final int MAX_TIMED_OUT_SHOWN = 10;

    private final Duration interval;
    /** Open windows by target (or "group X" for a group no target configures), in opening order. */
    private final Map<String, Window> open = new LinkedHashMap<>();

    DrainDigest(Duration interval) {
        this.interval = interval;
    }

    /** Counts a drain that started (DRAINING) or ended, in its target's window. */
    synchronized void record(DrainRecord drain, Instant now) {
        Window w = open.computeIfAbsent(key(drain), k -> new Window(k, drain.cluster(), now));
        if (drain.state() == DrainRecord.State.DRAINING) {
            w.started++;
        } else {
            w.ended.add(drain);
        }
    }

    /** The digests whose window has closed by {@code now}; each window is reported once. */
    synchronized List<SlackMessage> due(Instant now) {
        List<SlackMessage> out = new ArrayList<>();
        open.values().removeIf(w -> {
            Instant closes = w.opened.plus(interval);
            if (now.isBefore(closes)) {
                return false;
            }
            out.add(render(w, closes));
            return true;
        });
        return out;
    }

    private static String key(DrainRecord drain) {
        return drain.target().isEmpty() ? "group " + drain.group() : drain.target();
    }

    private static SlackMessage render(Window w, Instant closes) {
        long completed = w.count(DrainRecord.State.COMPLETED);
        List<DrainRecord> timedOut = w.ended.stream().filter(d -> d.state() == DrainRecord.State.TIMED_OUT).toList();
        String title = "Drains of " + w.target + ": " + w.started + " started, " + completed + " completed, "
                + timedOut.size() + " timed out";
        List<JsonNode> blocks = new ArrayList<>();
        blocks.add(Blocks.header((timedOut.isEmpty() ? ":droplet: " : ":warning: ") + title));
        List<String> fields = new ArrayList<>(List.of("*Started*\n" + w.started, "*Completed*\n" + completed,
                "*Timed out*\n" + timedOut.size()));
        String others = others(w);
        if (!others.isEmpty()) {
            fields.add("*Other ends*\n" + others);
        }
        longest(w).ifPresent(d -> fields.add("*Longest drain*\n" + Blocks.code(d.instanceId()) + " "
                + DurationText.of(Duration.between(d.startedAt(), d.endedAt())) + " (" + Blocks.state(d.state())
                + ")"));
        blocks.add(Blocks.fields(fields));
        if (!timedOut.isEmpty()) {
            StringBuilder sb = new StringBuilder("*Timed out:*");
            timedOut.stream().limit(MAX_TIMED_OUT_SHOWN).forEach(d -> sb.append("\n• ")
                    .append(Blocks.code(d.instanceId())).append(" (").append(Blocks.reason(d.reason()))
                    .append(") after ").append(DurationText.of(Duration.between(d.startedAt(), d.endedAt())))
                    .append(": ").append(Blocks.escape(d.detail())));
            if (timedOut.size() > MAX_TIMED_OUT_SHOWN) {
                sb.append("\n• and ").append(timedOut.size() - MAX_TIMED_OUT_SHOWN).append(" more");
            }
            blocks.add(Blocks.section(sb.toString()));
        }
        blocks.add(Blocks.context((w.cluster.isEmpty() ? "" : "cluster " + Blocks.code(w.cluster) + " · ")
                + "from " + Blocks.time(w.opened) + " to " + Blocks.time(closes) + " · details: GET /api/drains"));
        return new SlackMessage(Blocks.escape(title), Blocks.capped(blocks));
    }

    /** Drains that ended neither completed nor timed out: released, stepped aside, lost. */
    private static String others(Window w) {
        List<String> parts = new ArrayList<>();
        for (DrainRecord.State s : List.of(DrainRecord.State.RELEASED, DrainRecord.State.STEPPED_ASIDE,
                DrainRecord.State.LOST)) {
            long n = w.count(s);
            if (n > 0) {
                parts.add(n + " " + Blocks.state(s));
            }
        }
        return String.join(", ", parts);
    }

    private static Optional<DrainRecord> longest(Window w) {
        return w.ended.stream().filter(d -> d.endedAt() != null
                        && (d.state() == DrainRecord.State.COMPLETED || d.state() == DrainRecord.State.TIMED_OUT))
                .max(Comparator.comparing(d -> Duration.between(d.startedAt(), d.endedAt())));
    }

    /** One target's drains since its window opened. */
    private static final class Window {
        final String target;
        final String cluster;
        final Instant opened;
        int started;
        final List<DrainRecord> ended = new ArrayList<>();

        Window(String target, String cluster, Instant opened) {
            this.target = target;
            this.cluster = cluster;
            this.opened = opened;
        }

        long count(DrainRecord.State state) {
            return ended.stream().filter(d -> d.state() == state).count();
        }
    }
}
