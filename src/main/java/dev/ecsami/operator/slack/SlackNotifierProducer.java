package dev.ecsami.operator.slack;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.port.Notifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * CDI wiring only. Validates operator.slack.* at startup (a bad setting stops the operator with a
 * message naming the key) and produces two {@link NotificationChannel} notifiers: "slack" (webhook,
 * bot, or silent when unconfigured) and "slack-log" (the log renderer, or silent).
 */
@Startup
@Singleton
public class SlackNotifierProducer {
    private static final Notifier SILENT = new Notifier() {
        @Override
        public void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents) {
        }

        @Override
        public String toString() {
            return "silent";
        }
    };

    private final SlackSettings settings;
    private final Clock clock;
    private final Optional<MeterRegistry> registry;

    SlackNotifierProducer(SlackConfig config, Instance<Clock> clock, Instance<MeterRegistry> registry) {
        this.settings = SlackSettings.from(config);
        this.clock = clock.isResolvable() ? clock.get() : Clock.systemUTC();
        this.registry = registry.isResolvable() ? Optional.of(registry.get()) : Optional.empty();
    }

    @Produces
    @ApplicationScoped
    @NotificationChannel
    @Named("slack")
    Notifier slack() {
        return SlackNotifiers.slack(settings, clock, registry).<Notifier>map(n -> n).orElse(SILENT);
    }

    @Produces
    @ApplicationScoped
    @NotificationChannel
    @Named("slack-log")
    Notifier slackLog() {
        return SlackNotifiers.logRenderer(settings, clock).<Notifier>map(n -> n).orElse(SILENT);
    }

    void close(@Disposes @NotificationChannel Notifier notifier) throws Exception {
        if (notifier instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
