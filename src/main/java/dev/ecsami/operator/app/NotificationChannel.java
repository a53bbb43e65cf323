package dev.ecsami.operator.app;

import dev.ecsami.operator.core.port.Notifier;

/**
 * One place notifications go (the log, Slack...). Every channel bean receives every
 * notification through the single {@link Notifier} the application injects. Channel beans are
 * {@code @Typed(NotificationChannel.class)} so that they are not candidates for a plain Notifier.
 */
public interface NotificationChannel extends Notifier {
}
