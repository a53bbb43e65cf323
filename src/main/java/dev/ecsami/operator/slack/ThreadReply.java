package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.rollout.DurationText;
import dev.ecsami.operator.core.rollout.RolloutSummary;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The detail posted under a rollout's message: one reply per instance finished, skipped or forced,
 * and one when the rollout pauses or fails.
 */
final class ThreadReply {
    /** Events that get a reply of their own. */
    static final Set<RolloutEvent.Type> REPLIED = EnumSet.of(RolloutEvent.Type.INSTANCE_DONE,
            RolloutEvent.Type.INSTANCE_SKIPPED, RolloutEvent.Type.FORCED, RolloutEvent.Type.PAUSED,
            RolloutEvent.Type.FAILED);
    /** Lines of an instance's history shown, the newest ones. */
    static final int MAX_HISTORY = 12;

    private final OperatorCalls calls;

    ThreadReply(OperatorCalls calls) {
        this.calls = calls;
    }

    SlackMessage render(Rollout r, RolloutEvent e) {
        String first = switch (e.type()) {
            case INSTANCE_DONE -> ":white_check_mark: " + instance(r, e) + " " + Blocks.escape(e.message());
            case INSTANCE_SKIPPED -> ":fast_forward: " + instance(r, e) + " skipped: " + Blocks.escape(e.message());
            case FORCED -> ":warning: " + instance(r, e) + " forced: " + Blocks.escape(e.message());
            case PAUSED -> ":double_vertical_bar: *Paused:* " + Blocks.escape(e.message());
            case FAILED -> ":x: *Failed:* " + Blocks.escape(e.message());
            default -> Blocks.escape(e.type().name().toLowerCase().replace('_', ' ') + ": " + e.message());
        };
        List<JsonNode> blocks = new ArrayList<>();
        blocks.add(Blocks.section(first));
        if (!e.instanceId().isEmpty()) {
            blocks.add(Blocks.section(history(r, e.instanceId())));
        }
        if (e.type() == RolloutEvent.Type.PAUSED && r.state() == RolloutState.PAUSED) {
            blocks.add(Blocks.section(Blocks.escape("*To resume or abort:*\n```" + calls.resume(r.id()) + "\n"
                    + calls.abort(r.id()) + "```")));
        }
        RolloutProgress p = RolloutProgress.of(r);
        blocks.add(Blocks.context(p.replaced() + " of " + p.total() + " replaced " + p.bar()));
        return new SlackMessage(first, Blocks.capped(blocks));
    }

    private static String instance(Rollout r, RolloutEvent e) {
        String az = r.step(e.instanceId()).map(s -> " (" + Blocks.escape(s.availabilityZone()) + ")").orElse("");
        return Blocks.code(e.instanceId()) + az;
    }

    private static String history(Rollout r, String instanceId) {
        List<RolloutEvent> mine = r.events().stream().filter(ev -> ev.instanceId().equals(instanceId)).toList();
        List<RolloutEvent> shown = mine.subList(Math.max(0, mine.size() - MAX_HISTORY), mine.size());
        StringBuilder sb = new StringBuilder();
        r.step(instanceId).flatMap(s -> RolloutSummary.slowestDrain(List.of(s))).ifPresent(d ->
                sb.append("*Drain took* ").append(DurationText.of(d.took())).append('\n'));
        if (mine.size() > shown.size()) {
            sb.append("… ").append(mine.size() - shown.size()).append(" earlier\n");
        }
        for (RolloutEvent ev : shown) {
            sb.append('`').append(Wording.time(ev.at())).append("` ")
                    .append(ev.type().name().toLowerCase().replace('_', ' ')).append(": ")
                    .append(Blocks.escape(ev.message())).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
