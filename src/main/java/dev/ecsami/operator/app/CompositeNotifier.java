package dev.ecsami.operator.app;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.model.RolloutEvent;
import dev.ecsami.operator.core.port.Notifier;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Fans out to every channel; a channel that throws is logged and skipped, never the rollout. */
public final class CompositeNotifier implements Notifier {
    private static final Logger LOG = Logger.getLogger(CompositeNotifier.class);
    private final List<? extends Notifier> channels;

    public CompositeNotifier(List<? extends Notifier> channels) {
        this.channels = List.copyOf(channels);
    }

    @Override
    public void rolloutChanged(Rollout rollout, List<RolloutEvent> newEvents) {
        each(n -> n.rolloutChanged(rollout, newEvents));
    }

    @Override
    public void targetsBehind(List<Behind> behind) {
        each(n -> n.targetsBehind(behind));
    }

    @Override
    public void drainChanged(DrainRecord drain) {
        each(n -> n.drainChanged(drain));
    }

    @Override
    public void drainsLooked(Instant now) {
        each(n -> n.drainsLooked(now));
    }

    private void each(Consumer<Notifier> call) {
        for (Notifier n : channels) {
            try {
                call.accept(n);
            } catch (RuntimeException e) {
                LOG.warnf("notification channel %s failed: %s", n.getClass().getSimpleName(), e.getClass().getName());
            }
        }
    }
}
