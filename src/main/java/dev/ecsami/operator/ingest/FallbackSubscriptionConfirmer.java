package dev.ecsami.operator.ingest;

import java.util.Objects;
import org.jboss.logging.Logger;

/** Tries the preferred confirmer and, only when it fails, the fallback. */
public final class FallbackSubscriptionConfirmer implements SubscriptionConfirmer {

    private static final Logger LOG = Logger.getLogger(FallbackSubscriptionConfirmer.class);

    private final SubscriptionConfirmer preferred;
    private final SubscriptionConfirmer fallback;

    public FallbackSubscriptionConfirmer(SubscriptionConfirmer preferred, SubscriptionConfirmer fallback) {
        this.preferred = Objects.requireNonNull(preferred, "preferred");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    @Override
    public Confirmation confirm(PendingSubscription pending) {
        Confirmation first = preferred.confirm(pending);
        if (first instanceof Confirmation.Confirmed) {
            return first;
        }
        LOG.warnf("confirming %s through the API failed (%s); visiting the SubscribeURL instead",
                pending.topicArn(), ((Confirmation.Failed) first).detail());
        Confirmation second = fallback.confirm(pending);
        if (second instanceof Confirmation.Failed failed) {
            return new Confirmation.Failed(((Confirmation.Failed) first).detail() + "; then " + failed.detail());
        }
        return second;
    }
}
