package dev.ecsami.operator.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.app.NotificationChannel;
import dev.ecsami.operator.config.OperatorConfig;
import dev.ecsami.operator.store.SharedKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * CDI wiring only. Validates operator.slack.* at start-up (a bad setting stops the operator with
 * one line per problem, each naming its key) and produces two notification channels: Slack
 * (webhook or bot) and the log renderer. A channel that is not configured is silent.
 */
@Startup
@Singleton
public class SlackNotifierProducer {
    /** Beside the rollouts of the file store: the bot's message of each rollout. */
    static final String MESSAGES_FILE = "slack-messages.json";
    private final SlackSettings settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Optional<Path> messagesFile;
    private final Optional<SharedKeys> shared;
    private final ObjectMapper json;

    SlackNotifierProducer(SlackConfig config, OperatorConfig operator, Clock clock, MeterRegistry registry,
                          Optional<SharedKeys> shared, ObjectMapper json) {
        this.shared = shared;
        this.json = json;
        this.settings = SlackSettings.from(config);
        this.clock = clock;
        this.registry = registry;
        this.messagesFile = operator.store().kind() == OperatorConfig.StoreKind.FILE
                ? Optional.of(operator.store().dir().resolve(MESSAGES_FILE)) : Optional.empty();
    }

    @Produces
    @ApplicationScoped
    @Typed(NotificationChannel.class)
    NotificationChannel slack() {
        return orSilent(SlackNotifier.slack(json, settings, clock, Optional.of(registry), messagesFile, shared));
    }

    @Produces
    @ApplicationScoped
    @Typed(NotificationChannel.class)
    NotificationChannel slackRenderedToLog() {
        return orSilent(SlackNotifier.logRenderer(settings, clock));
    }

    void close(@Disposes NotificationChannel channel) {
        if (channel instanceof SlackNotifier notifier) {
            notifier.close();
        }
    }

    /** A channel that is not configured says nothing. */
    private static NotificationChannel orSilent(Optional<SlackNotifier> notifier) {
        return notifier.<NotificationChannel>map(n -> n).orElse((rollout, newEvents) -> {
        });
    }
}
