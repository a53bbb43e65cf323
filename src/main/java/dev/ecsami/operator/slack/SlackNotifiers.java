package dev.ecsami.operator.slack;

import dev.ecsami.operator.store.SharedKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the notifiers the settings ask for, without CDI: the Slack one (webhook or bot) and the
 * log renderer. The producer is a thin wrapper around this.
 */
public final class SlackNotifiers {
    private static final Logger LOG = Logger.getLogger(SlackNotifiers.class);
    /** Backoff between retries never grows beyond this, unless the configured first backoff is longer. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private SlackNotifiers() {
    }

    /** The Slack notifier, started; empty when neither a webhook URL nor a bot token is set. */
    public static Optional<SlackNotifier> slack(SlackSettings s, Clock clock, Optional<MeterRegistry> registry) {
        return slack(s, clock, registry, Optional.empty());
    }

    /**
     * As {@link #slack(SlackSettings, Clock, Optional)}; in bot mode the rollouts' messages are
     * kept in {@code messagesFile} when given, so that a restart edits them instead of posting anew.
     */
    public static Optional<SlackNotifier> slack(SlackSettings s, Clock clock, Optional<MeterRegistry> registry,
                                                Optional<Path> messagesFile) {
        return slack(s, clock, registry, messagesFile, Optional.empty());
    }

    /** As above; with {@code shared}, the replicas' shared store keeps the messages instead of a file. */
    public static Optional<SlackNotifier> slack(SlackSettings s, Clock clock, Optional<MeterRegistry> registry,
                                                Optional<Path> messagesFile, Optional<SharedKeys> shared) {
        if (!s.enabled()) {
            return Optional.empty();
        }
        List<Secret> secrets = new ArrayList<>();
        s.webhookUrl().ifPresent(secrets::add);
        s.botToken().ifPresent(secrets::add);
        SlackHttp http = new SlackHttp(SlackHttp.client(s.requestTimeout()), s.requestTimeout(), secrets);
        SlackMessages messages = new SlackMessages(s.operatorUrl());
        SlackEndpoint endpoint;
        MessagePlan plan;
        if (s.mode() == SlackSettings.Mode.WEBHOOK) {
            endpoint = new WebhookEndpoint(http, s.webhookUrl().orElseThrow());
            plan = new WebhookPlan(messages, s.progressInterval());
        } else {
            PostedMessages posted = shared.map(k -> PostedMessages.shared(k, clock, BotEndpoint.MAX_REMEMBERED))
                    .or(() -> messagesFile.map(f -> PostedMessages.inFile(f, BotEndpoint.MAX_REMEMBERED)))
                    .orElseGet(() -> PostedMessages.inMemory(BotEndpoint.MAX_REMEMBERED));
            endpoint = new BotEndpoint(http, s.apiUrl(), s.botToken().orElseThrow(), s.channel(), posted);
            plan = new BotPlan(messages);
        }
        SlackMetrics metrics = new SlackMetrics(endpoint.mode(), registry);
        DeliveryQueue queue = new DeliveryQueue(s.queueCapacity(), metrics);
        metrics.watchQueue(queue);
        Duration maxBackoff = s.retryBackoff().compareTo(MAX_BACKOFF) > 0 ? s.retryBackoff() : MAX_BACKOFF;
        SlackSender sender = new SlackSender(queue, endpoint, new RetryPolicy(s.maxAttempts(), s.retryBackoff(),
                maxBackoff), metrics, SlackSender.singleThread("slack-sender"));
        sender.start();
        LOG.infof("Slack notifications on: %s mode, to %s", endpoint.mode(), s.mode() == SlackSettings.Mode.WEBHOOK
                ? Redaction.url(URI.create(s.webhookUrl().orElseThrow().reveal()))
                : "channel " + s.channel() + " via " + Redaction.url(s.apiUrl()));
        return Optional.of(new SlackNotifier(endpoint.mode(), plan, messages, queue, sender, metrics, clock));
    }

    /** The log renderer; empty unless operator.slack.render-to-log is true. */
    public static Optional<LogSlackRenderer> logRenderer(SlackSettings s, Clock clock) {
        if (!s.renderToLog()) {
            return Optional.empty();
        }
        return Optional.of(new LogSlackRenderer(new SlackMessages(s.operatorUrl()), s.progressInterval(), clock,
                s.demoFile()));
    }
}
