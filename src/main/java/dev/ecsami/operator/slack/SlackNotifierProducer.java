package dev.ecsami.operator.slack;

import dev.ecsami.operator.app.NotificationChannel;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
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
import java.time.Instant;
import java.util.List;
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

    SlackNotifierProducer(SlackConfig config, OperatorConfig operator, Clock clock, MeterRegistry registry,
                          Optional<SharedKeys> shared) {
        this.shared = shared;
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
        return new Channel(SlackNotifier.slack(settings, clock, Optional.of(registry), messagesFile, shared));
    }

    @Produces
    @ApplicationScoped
    @Typed(NotificationChannel.class)
    NotificationChannel slackRenderedToLog() {
        return new Channel(SlackNotifier.logRenderer(settings, clock));
    }

    void close(@Disposes NotificationChannel channel) {
        if (channel instanceof Channel c) {
            c.close();
        }
    }

    /** A notifier of this package as one of the application's channels; silent when there is none. */
    private static final class Channel implements NotificationChannel, AutoCloseable {
        private final Optional<SlackNotifier> delegate;

        Channel(Optional<SlackNotifier> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents) {
            delegate.ifPresent(n -> n.rolloutChanged(rollout, newEvents));
        }

        @Override
        public void targetsBehind(List<Behind> behind) {
            delegate.ifPresent(n -> n.targetsBehind(behind));
        }

        @Override
        public void drainChanged(DrainRecord drain) {
            delegate.ifPresent(n -> n.drainChanged(drain));
        }

        @Override
        public void drainsLooked(Instant now) {
            delegate.ifPresent(n -> n.drainsLooked(now));
        }

        @Override
        public void close() {
            delegate.ifPresent(SlackNotifier::close);
        }

        @Override
        public String toString() {
            return delegate.map(Object::toString).orElse("silent");
        }
    }
}
