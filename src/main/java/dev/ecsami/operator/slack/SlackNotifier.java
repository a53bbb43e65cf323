package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.app.NotificationChannel;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.model.RolloutState;
import dev.ecsami.operator.slack.Delivery;
import dev.ecsami.operator.slack.Redaction.Secret;
import dev.ecsami.operator.store.SharedKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a Slack channel (or the log, as Slack would show it) about rollouts, targets behind and
 * drains. On the caller's thread it only decides which messages a change calls for and hands them to
 * the {@link Outbox}, so it never blocks and never throws.
 * <ul>
 * <li>webhook: a new message at each milestone (waiting for approval, started, paused, resumed,
 * failed, aborted, succeeded) and, between them, progress when an instance moved, at most once per
 * interval per rollout;</li>
 * <li>bot: every change updates the rollout's one message, and each instance finished, skipped or
 * forced, and each pause or failure, gets a thread reply (the status goes first);</li>
 * <li>log: what the webhook posts, plus the bot's thread replies.</li>
 * </ul>
 */
public final class SlackNotifier implements NotificationChannel, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlackNotifier.class);
    /** Rollout messages the bot remembers; the oldest is forgotten first (its next status posts anew). */
    static final int MAX_REMEMBERED = 1000;
    /** Backoff between retries never grows beyond this, unless the configured first backoff is longer. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    static final Set<RolloutEvent.Type> MILESTONES = EnumSet.of(RolloutEvent.Type.STARTED, RolloutEvent.Type.PAUSED,
            RolloutEvent.Type.RESUMED, RolloutEvent.Type.FAILED, RolloutEvent.Type.ABORTED,
            RolloutEvent.Type.SUCCEEDED);

    /** Which messages a rollout's change calls for: see the class comment. */
    private enum Plan { WEBHOOK, BOT, LOG }

    private final Plan plan;
    private final SlackMessages messages;
    private final Duration progressInterval;
    private final Outbox outbox;
    private final Clock clock;
    private final DrainDigest digest;
    /** When each active rollout last got a webhook message; forgotten when it ends. */
    private final Map<String, Instant> lastPosted = new HashMap<>();
    /** Per target name, what was last announced as behind. Bounded by the number of targets. */
    private final Map<String, String> announcedBehind = new HashMap<>();

    private SlackNotifier(Plan plan, SlackSettings s, Outbox outbox, Clock clock) {
        this.plan = plan;
        this.messages = new SlackMessages(s.operatorUrl());
        this.progressInterval = s.progressInterval();
        this.outbox = outbox;
        this.clock = clock;
        this.digest = new DrainDigest(s.drainDigestInterval());
    }

    /** The Slack notifier, started; empty when neither a webhook URL nor a bot token is set. */
    public static Optional<SlackNotifier> slack(ObjectMapper json, SlackSettings s, Clock clock,
                                                Optional<MeterRegistry> registry) {
        return slack(json, s, clock, registry, Optional.empty(), Optional.empty());
    }

    /**
     * As above. In bot mode the rollouts' messages are kept in the replicas' {@code shared} store when
     * given, else in {@code messagesFile}, so that a restart or another replica edits them.
     */
    public static Optional<SlackNotifier> slack(ObjectMapper json, SlackSettings s, Clock clock,
                                                Optional<MeterRegistry> registry, Optional<Path> messagesFile,
                                                Optional<SharedKeys> shared) {
        if (!s.enabled()) {
            return Optional.empty();
        }
        SlackClient client;
        if (s.mode() == SlackSettings.Mode.WEBHOOK) {
            client = SlackClient.webhook(s.webhookUrl().orElseThrow(), s.requestTimeout());
        } else {
            PostedMessages posted = shared.map(k -> PostedMessages.shared(json, k, clock, MAX_REMEMBERED))
                    .or(() -> messagesFile.map(f -> PostedMessages.inFile(json, f, MAX_REMEMBERED)))
                    .orElseGet(() -> PostedMessages.inMemory(json, MAX_REMEMBERED));
            client = SlackClient.bot(json, s.apiUrl(), s.botToken().orElseThrow(), s.channel(), posted, s.requestTimeout());
        }
        Outbox outbox = Outbox.queued(s.queueCapacity(), client,
                Outbox.retryPolicy(s.maxAttempts(), s.retryBackoff(), MAX_BACKOFF),
                new SlackMetrics(client.mode(), registry));
        outbox.start();
        LOG.infof("Slack notifications on: %s mode, to %s", client.mode(), s.mode() == SlackSettings.Mode.WEBHOOK
                ? Redaction.url(URI.create(s.webhookUrl().map(Secret::reveal).orElseThrow()))
                : "channel " + s.channel() + " via " + Redaction.url(s.apiUrl()));
        return Optional.of(new SlackNotifier(s.mode() == SlackSettings.Mode.WEBHOOK ? Plan.WEBHOOK : Plan.BOT, s,
                outbox, clock));
    }

    /** The log renderer; empty unless operator.slack.render-to-log is true. */
    public static Optional<SlackNotifier> logRenderer(SlackSettings s, Clock clock) {
        if (!s.renderToLog()) {
            return Optional.empty();
        }
        return Optional.of(new SlackNotifier(Plan.LOG, s, Outbox.direct(new LogSlackRenderer(s.demoFile()),
                SlackMetrics.plain("log")), clock));
    }

    @Override
    public void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents) {
        try {
            deliveries(rollout, newEvents, clock.instant()).forEach(outbox::send);
        } catch (RuntimeException e) {
            outbox.failedBeforeSending("rollout " + (rollout == null ? "?" : rollout.id()), e);
        }
    }

    @Override
    public void targetsBehind(List<Behind> behind) {
        try {
            List<Behind> news = newlyBehind(behind);
            if (!news.isEmpty()) {
                outbox.send(new Delivery(Delivery.Kind.ANNOUNCE, "", () -> messages.behind(news)));
            }
        } catch (RuntimeException e) {
            outbox.failedBeforeSending("targets behind", e);
        }
    }

    @Override
    public void drainChanged(DrainRecord drain) {
        try {
            digest.record(drain, clock.instant());
        } catch (RuntimeException e) {
            outbox.failedBeforeSending("drain " + (drain == null ? "?" : drain.id()), e);
        }
    }

    @Override
    public void drainsLooked(Instant now) {
        try {
            digest.due(now).forEach(m -> outbox.send(Delivery.of(Delivery.Kind.ANNOUNCE, "", m)));
        } catch (RuntimeException e) {
            outbox.failedBeforeSending("the drain digests", e);
        }
    }

    /** Which messages a change of a rollout calls for, by mode. */
    synchronized List<Delivery> deliveries(Rollout r, List<RolloutEvent> newEvents, Instant now) {
        if (newEvents.isEmpty()) {
            return List.of();
        }
        List<Delivery> out = new ArrayList<>();
        if (plan == Plan.BOT) {
            out.add(new Delivery(Delivery.Kind.STATUS, r.id(), () -> messages.status(r, now)));
        } else {
            webhook(r, newEvents, now).ifPresent(out::add);
        }
        if (plan != Plan.WEBHOOK) {
            newEvents.stream().filter(messages::repliesTo)
                    .forEach(e -> out.add(new Delivery(Delivery.Kind.REPLY, r.id(), () -> messages.reply(r, e))));
        }
        return out;
    }

    private Optional<Delivery> webhook(Rollout r, List<RolloutEvent> newEvents, Instant now) {
        boolean milestone = newEvents.stream().anyMatch(e -> MILESTONES.contains(e.type())
                || e.type() == RolloutEvent.Type.CREATED && r.state() == RolloutState.PLANNED);
        boolean instanceMoved = newEvents.stream().anyMatch(e -> !e.instanceId().isEmpty());
        Instant last = lastPosted.get(r.id());
        boolean progressDue = instanceMoved && (last == null || !now.isBefore(last.plus(progressInterval)));
        if (!milestone && !progressDue) {
            return Optional.empty();
        }
        if (r.state().isFinal()) {
            lastPosted.remove(r.id());
        } else {
            lastPosted.put(r.id(), now);
        }
        return Optional.of(new Delivery(milestone ? Delivery.Kind.ANNOUNCE : Delivery.Kind.STATUS, r.id(),
                () -> messages.status(r, now)));
    }

    /**
     * A target is announced when it is first reported behind, when a newer AMI appears for it, or
     * when its pending rollout changes; not again on every check while that stays the same.
     */
    private synchronized List<Behind> newlyBehind(List<Behind> behind) {
        List<Behind> fresh = behind.stream()
                .filter(b -> !Objects.equals(announcedBehind.get(b.target().name()), signature(b))).toList();
        fresh.forEach(b -> announcedBehind.put(b.target().name(), signature(b)));
        return fresh;
    }

    private static String signature(Behind b) {
        return b.latest().imageId() + "|" + (b.pendingRolloutId() == null ? "" : b.pendingRolloutId());
    }

    public SlackMetrics metrics() {
        return outbox.metrics();
    }

    /** Messages waiting to be sent. */
    int queued() {
        return outbox.size();
    }

    /** Nothing waiting and nothing on its way: whatever was handed over has been sent or dropped. */
    boolean idle() {
        return outbox.idle();
    }

    /** Stops the outbox's thread; what is still queued is not sent. */
    @Override
    public void close() {
        outbox.close();
    }

    @Override
    public String toString() {
        return "SlackNotifier[" + plan.name().toLowerCase() + "]";
    }
}
