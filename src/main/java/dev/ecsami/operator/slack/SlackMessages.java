package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.port.Notifier.Behind;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Every message the operator sends to Slack, as Block Kit with a plain-text fallback. Pure: the same
 * rollout and instant give the same message. Messages always fit Slack's limits (50 blocks, 3000
 * characters per section, 150 per header), however large the rollout.
 */
public final class SlackMessages {
    private final StatusMessage status;
    private final ThreadReply reply;
    private final BehindMessage behind;

    /** @param operatorUrl base URL of the operator's HTTP API, shown in the commands people run */
    public SlackMessages(URI operatorUrl) {
        OperatorCalls calls = new OperatorCalls(operatorUrl);
        this.status = new StatusMessage(calls);
        this.reply = new ThreadReply(calls);
        this.behind = new BehindMessage(calls);
    }

    /** Where the rollout is now: the message posted at milestones, or edited in place by the bot. */
    public SlackMessage status(Rollout rollout, Instant now) {
        return status.render(rollout, now);
    }

    /** Whether an event gets a thread reply of its own. */
    public boolean repliesTo(RolloutEvent event) {
        return ThreadReply.REPLIED.contains(event.type());
    }

    /** The detail of one event worth a reply: an instance finished, skipped or forced, a pause, a failure. */
    public SlackMessage reply(Rollout rollout, RolloutEvent event) {
        return reply.render(rollout, event);
    }

    /** Targets behind their AMI source and how to move each on. */
    public SlackMessage behind(List<Behind> targets) {
        return behind.render(targets);
    }
}
