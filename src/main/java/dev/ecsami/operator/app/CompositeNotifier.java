package dev.ecsami.operator.app;

import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.port.Notifier;
import org.jboss.logging.Logger;

import java.util.List;

/** Fans out to every channel; a channel that throws is logged and skipped, never the rollout. */
public final class CompositeNotifier implements Notifier {
    private static final Logger LOG = Logger.getLogger(CompositeNotifier.class);
    private final List<? extends Notifier> channels;

    public CompositeNotifier(List<? extends Notifier> channels) {
        this.channels = List.copyOf(channels);
    }

    @Override
    public void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents) {
        for (Notifier n : channels) {
            try {
                n.rolloutChanged(rollout, newEvents);
            } catch (RuntimeException e) {
                LOG.warnf("notification channel %s failed: %s", n.getClass().getSimpleName(), e.getClass().getName());
            }
        }
    }

    @Override
    public void targetsBehind(List<Behind> behind) {
        for (Notifier n : channels) {
            try {
                n.targetsBehind(behind);
            } catch (RuntimeException e) {
                LOG.warnf("notification channel %s failed: %s", n.getClass().getSimpleName(), e.getClass().getName());
            }
        }
    }
}
