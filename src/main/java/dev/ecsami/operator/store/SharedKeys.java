package dev.ecsami.operator.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Small records that replicas share besides rollouts: SNS message ids already handled, the Slack
 * message of each rollout. Each expires; an expired one reads as absent.
 */
public interface SharedKeys {

    /** Stores the value unless an unexpired one is there; true if it was stored. */
    boolean putIfAbsent(String key, String value, Instant expiresAt);

    /** Stores the value, replacing any. */
    void put(String key, String value, Instant expiresAt);

    Optional<String> get(String key);

    void remove(String key);
}
