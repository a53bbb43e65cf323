package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsami.operator.core.port.Notifier.Behind;

import java.util.ArrayList;
import java.util.List;

/** Which targets run an older AMI than their source offers, and the call that moves each on. */
final class BehindMessage {
    /** Targets given a section of their own; the rest are named in one line. */
    static final int MAX_TARGETS_SHOWN = 40;
    private static final int MAX_NAMES_SUMMARISED = 100;

    private final OperatorCalls calls;

    BehindMessage(OperatorCalls calls) {
        this.calls = calls;
    }

    SlackMessage render(List<Behind> behind) {
        String title = behind.size() == 1 ? behind.get(0).target().name() + " is behind its AMI source"
                : behind.size() + " targets are behind their AMI source";
        List<JsonNode> blocks = new ArrayList<>();
        blocks.add(Blocks.header(":information_source: " + title));
        behind.stream().limit(MAX_TARGETS_SHOWN).forEach(b -> blocks.add(Blocks.section(target(b))));
        if (behind.size() > MAX_TARGETS_SHOWN) {
            List<String> rest = behind.subList(MAX_TARGETS_SHOWN, behind.size()).stream()
                    .map(b -> b.target().name()).toList();
            blocks.add(Blocks.context("Also behind: " + Blocks.list(rest, MAX_NAMES_SUMMARISED)));
        }
        String names = String.join(", ", behind.stream().map(b -> b.target().name()).toList());
        return new SlackMessage(Blocks.escape(title + ": " + names), Blocks.capped(blocks));
    }

    private String target(Behind b) {
        StringBuilder sb = new StringBuilder("*").append(Blocks.escape(b.target().name())).append("* · cluster ")
                .append(Blocks.code(b.target().cluster())).append(" · group ")
                .append(Blocks.code(b.target().autoScalingGroup())).append('\n')
                .append(Wording.ami(b.current())).append(" → ").append(Wording.ami(b.latest())).append('\n');
        if (b.pendingRolloutId() != null && !b.pendingRolloutId().isEmpty()) {
            sb.append("Rollout ").append(Blocks.code(b.pendingRolloutId())).append(" waits for approval:\n```")
                    .append(Blocks.escape(calls.approve(b.pendingRolloutId()))).append("```");
        } else {
            sb.append("To start it:\n```").append(Blocks.escape(calls.start(b.target().name()))).append("```");
        }
        return sb.toString();
    }
}
