package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.port.Notifier;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shows in the log what Slack would show: the webhook-mode messages (milestones and throttled
 * progress) and the bot-mode thread replies, as readable text. With a demo file, also appends each
 * message's JSON payload, one per line, ready to paste into Slack's Block Kit Builder.
 */
public final class LogSlackRenderer implements Notifier {
    private static final Logger LOG = Logger.getLogger(LogSlackRenderer.class);

    private final SlackMessages messages;
    private final WebhookPlan plan;
    private final BehindFilter behindFilter = new BehindFilter();
    private final Clock clock;
    private final Optional<Path> demoFile;

    public LogSlackRenderer(SlackMessages messages, Duration progressInterval, Clock clock, Optional<Path> demoFile) {
        this.messages = messages;
        this.plan = new WebhookPlan(messages, progressInterval);
        this.clock = clock;
        this.demoFile = demoFile;
    }

    @Override
    public void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents) {
        try {
            List<Delivery> out = new ArrayList<>(plan.rolloutChanged(rollout, newEvents, clock.instant()));
            newEvents.stream().filter(messages::repliesTo)
                    .forEach(e -> out.add(Delivery.of(Delivery.Kind.REPLY, rollout.id(), messages.reply(rollout, e))));
            out.forEach(this::render);
        } catch (RuntimeException e) {
            LOG.warnf("Could not render the Slack message for rollout %s: %s", rollout == null ? "?" : rollout.id(),
                    Redaction.failure(e));
        }
    }

    @Override
    public void targetsBehind(List<Behind> behind) {
        try {
            List<Behind> news = behindFilter.news(behind);
            if (!news.isEmpty()) {
                render(Delivery.of(Delivery.Kind.ANNOUNCE, "", messages.behind(news)));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not render the Slack message for targets behind: %s", Redaction.failure(e));
        }
    }

    private void render(Delivery d) {
        String where = d.kind() == Delivery.Kind.REPLY ? "in the thread of rollout " + d.rolloutId() : "in the channel";
        LOG.infof("Slack would show %s:%n%s", where, PlainText.of(d.message()));
        demoFile.ifPresent(file -> append(file, d));
    }

    private static void append(Path file, Delivery d) {
        ObjectNode line = JsonNodeFactory.instance.objectNode().put("kind", d.kind().name().toLowerCase())
                .put("rollout", d.rolloutId());
        line.set("payload", d.message().payload());
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warnf("Could not append to the Slack demo file %s: %s", file, Redaction.failure(e));
        }
    }

    @Override
    public String toString() {
        return "LogSlackRenderer";
    }
}
