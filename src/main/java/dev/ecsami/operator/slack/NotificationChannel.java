package dev.ecsami.operator.slack;

import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link dev.ecsami.operator.core.port.Notifier} that is one channel among several (Slack,
 * the log renderer). Compose them with {@code @Inject @NotificationChannel Instance<Notifier>}; the
 * unqualified {@code Notifier} stays free for the composite.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface NotificationChannel {
}
