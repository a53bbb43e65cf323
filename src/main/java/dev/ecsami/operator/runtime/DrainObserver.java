package dev.ecsami.operator.runtime;

import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.port.Notifier;

import java.time.Instant;

/** Told of every drain that starts and ends (metrics, Slack digests). */
public interface DrainObserver {
    void started(DrainRecord drain);

    void ended(DrainRecord drain);

    /** The due drains were looked at, at {@code now}; summaries that are due go out. */
    default void looked(Instant now) {
    }

    /** Counts with {@code counter}, then tells the notifier's channels, which summarise. */
    static DrainObserver countedAndTold(DrainObserver counter, Notifier notifier) {
        return new DrainObserver() {
            @Override
            public void started(DrainRecord drain) {
                counter.started(drain);
                notifier.drainChanged(drain);
            }

            @Override
            public void ended(DrainRecord drain) {
                counter.ended(drain);
                notifier.drainChanged(drain);
            }

            @Override
            public void looked(Instant now) {
                counter.looked(now);
                notifier.drainsLooked(now);
            }
        };
    }

    DrainObserver NONE = new DrainObserver() {
        @Override
        public void started(DrainRecord drain) {
        }

        @Override
        public void ended(DrainRecord drain) {
        }
    };
}
