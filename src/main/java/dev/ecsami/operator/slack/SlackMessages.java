package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.core.port.Notifier.Behind;
import dev.ecsami.operator.core.rollout.DurationText;
import dev.ecsami.operator.core.rollout.RolloutSummary;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every message the operator sends to Slack about rollouts and targets, as Block Kit with a
 * plain-text fallback, and the exact HTTP calls a person runs against the operator, shown as curl
 * commands. Pure: the same rollout and instant give the same message. Messages always fit Slack's
 * limits (50 blocks, 3000 characters per section, 150 per header), however large the rollout.
 */
public final class SlackMessages {
    /** Events that get a thread reply of their own. */
    static final Set<RolloutEvent.Type> REPLIED = EnumSet.of(RolloutEvent.Type.INSTANCE_DONE,
            RolloutEvent.Type.INSTANCE_SKIPPED, RolloutEvent.Type.FORCED, RolloutEvent.Type.PAUSED,
            RolloutEvent.Type.FAILED);
    /** Lines of an instance's history shown in a reply, the newest ones. */
    static final int MAX_HISTORY = 12;
    /** Targets behind given a section of their own; the rest are named in one line. */
    static final int MAX_TARGETS_SHOWN = 40;
    private static final int MAX_NAMES_SUMMARISED = 100;
    private static final String POST = "curl -X POST -H \"Authorization: Bearer $TOKEN\" ";

    private final String base;
    private final StatusMessage status;

    /** @param operatorUrl base URL of the operator's HTTP API, shown in the commands people run */
    public SlackMessages(URI operatorUrl) {
        this.base = operatorUrl.toString();
        this.status = new StatusMessage(this);
    }

    /** Where the rollout is now: the message posted at milestones, or edited in place by the bot. */
    public SlackMessage status(Rollout rollout, Instant now) {
        return status.render(rollout, now);
    }

    /** Whether an event gets a thread reply of its own. */
    public boolean repliesTo(RolloutEvent event) {
        return REPLIED.contains(event.type());
    }

    /** The detail of one event worth a reply: an instance finished, skipped or forced, a pause, a failure. */
    public SlackMessage reply(Rollout r, RolloutEvent e) {
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
            blocks.add(Blocks.section(Blocks.escape("*To resume or abort:*\n```" + resume(r.id()) + "\n"
                    + abort(r.id()) + "```")));
        }
        StatusMessage.Progress p = StatusMessage.Progress.of(r);
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
            sb.append('`').append(Blocks.time(ev.at())).append("` ")
                    .append(ev.type().name().toLowerCase().replace('_', ' ')).append(": ")
                    .append(Blocks.escape(ev.message())).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** Targets behind their AMI source and how to move each on. */
    public SlackMessage behind(List<Behind> behind) {
        String title = behind.size() == 1 ? behind.get(0).target().name() + " is behind its AMI source"
                : behind.size() + " targets are behind their AMI source";
        List<JsonNode> blocks = new ArrayList<>();
        blocks.add(Blocks.header(":information_source: " + title));
        behind.stream().limit(MAX_TARGETS_SHOWN).forEach(b -> blocks.add(Blocks.section(behindTarget(b))));
        if (behind.size() > MAX_TARGETS_SHOWN) {
            List<String> rest = behind.subList(MAX_TARGETS_SHOWN, behind.size()).stream()
                    .map(b -> b.target().name()).toList();
            blocks.add(Blocks.context("Also behind: " + Blocks.list(rest, MAX_NAMES_SUMMARISED)));
        }
        String names = String.join(", ", behind.stream().map(b -> b.target().name()).toList());
        return new SlackMessage(Blocks.escape(title + ": " + names), Blocks.capped(blocks));
    }

    private String behindTarget(Behind b) {
        StringBuilder sb = new StringBuilder("*").append(Blocks.escape(b.target().name())).append("* · cluster ")
                .append(Blocks.code(b.target().cluster())).append(" · group ")
                .append(Blocks.code(b.target().autoScalingGroup())).append('\n')
                .append(Blocks.ami(b.current())).append(" → ").append(Blocks.ami(b.latest())).append('\n');
        if (b.pendingRolloutId() != null && !b.pendingRolloutId().isEmpty()) {
            sb.append("Rollout ").append(Blocks.code(b.pendingRolloutId())).append(" waits for approval:\n```")
                    .append(Blocks.escape(approve(b.pendingRolloutId()))).append("```");
        } else {
            sb.append("To start it:\n```").append(Blocks.escape(start(b.target().name()))).append("```");
        }
        return sb.toString();
    }

    String resume(String rolloutId) {
        return POST + rollout(rolloutId) + "/resume";
    }

    String abort(String rolloutId) {
        return POST + rollout(rolloutId) + "/abort";
    }

    String approve(String rolloutId) {
        return POST + rollout(rolloutId) + "/approve";
    }

    /** Starts a rollout of a target to its newest AMI. */
    String start(String target) {
        String body = JsonNodeFactory.instance.objectNode().put("target", target).toString();
        return POST + "-H \"Content-Type: application/json\" -d '" + body.replace("'", "'\\''") + "' "
                + base + "/api/rollouts";
    }

    private String rollout(String id) {
        return base + "/api/rollouts/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
