package dev.ecsami.operator.slack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.store.AtomicFile;
import dev.ecsami.operator.store.SharedKeys;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's message of each rollout (channel and ts), so that later statuses edit it and replies
 * go in its thread. Kept in a file next to the rollout store when there is one, so a restarted
 * operator edits the same message instead of posting a second; with replicas, in the shared store,
 * so whichever replica reports next edits it too. The newest {@code capacity} are kept locally; the
 * next status of a forgotten rollout posts a new message.
 */
final class PostedMessages {
    private static final Logger LOG = Logger.getLogger(PostedMessages.class);
    private static final TypeReference<LinkedHashMap<String, SlackClient.Outcome.Sent>> TYPE = new TypeReference<>() {
    };

    private static final String KEY = "slack-message#";
    /** How long the shared store keeps a rollout's message id. */
    static final Duration SHARED_RETENTION = Duration.ofDays(90);

    private final Optional<Path> file;
    private final Optional<SharedKeys> shared;
    private final Clock clock;
    private final ObjectMapper json;
    private final LinkedHashMap<String, SlackClient.Outcome.Sent> byRollout;

    private PostedMessages(ObjectMapper json, Optional<Path> file, int capacity) {
        this(json, file, Optional.empty(), Clock.systemUTC(), capacity);
    }

    private PostedMessages(ObjectMapper json, Optional<Path> file, Optional<SharedKeys> shared, Clock clock,
                           int capacity) {
        this.json = json;
        this.file = file;
        this.shared = shared;
        this.clock = clock;
        this.byRollout = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SlackClient.Outcome.Sent> eldest) {
                return size() > capacity;
            }
        };
        file.flatMap(this::read).ifPresent(byRollout::putAll);
    }

    static PostedMessages inMemory(ObjectMapper json, int capacity) {
        return new PostedMessages(json, Optional.empty(), capacity);
    }

    /** Reads the file if it is there; an unreadable one is logged and started afresh. */
    static PostedMessages inFile(ObjectMapper json, Path file, int capacity) {
        return new PostedMessages(json, Optional.of(file), capacity);
    }

    /** In the store the replicas share; the local map only saves reads. */
    static PostedMessages shared(ObjectMapper json, SharedKeys keys, Clock clock, int capacity) {
        return new PostedMessages(json, Optional.empty(), Optional.of(keys), clock, capacity);
    }

    synchronized Optional<SlackClient.Outcome.Sent> get(String rolloutId) {
        SlackClient.Outcome.Sent known = byRollout.get(rolloutId);
        if (known != null || shared.isEmpty()) {
            return Optional.ofNullable(known);
        }
        Optional<SlackClient.Outcome.Sent> stored = shared.get().get(KEY + rolloutId).flatMap(this::parse);
        stored.ifPresent(m -> byRollout.put(rolloutId, m));
        return stored;
    }

    synchronized void put(String rolloutId, SlackClient.Outcome.Sent message) {
        byRollout.put(rolloutId, message);
        shared.ifPresent(keys -> keys.put(KEY + rolloutId, format(message), clock.instant().plus(SHARED_RETENTION)));
        write();
    }

    synchronized void forget(String rolloutId) {
        shared.ifPresent(keys -> keys.remove(KEY + rolloutId));
        if (byRollout.remove(rolloutId) != null) {
            write();
        }
    }

    private Optional<SlackClient.Outcome.Sent> parse(String stored) {
        try {
            return Optional.of(json.readValue(stored, SlackClient.Outcome.Sent.class));
        } catch (IOException e) {
            LOG.warnf("a stored Slack message id is unreadable (%s); the rollout gets a new message", e.getMessage());
            return Optional.empty();
        }
    }

    private String format(SlackClient.Outcome.Sent message) {
        try {
            return json.writeValueAsString(message);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Optional<Map<String, SlackClient.Outcome.Sent>> read(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(path.toFile(), TYPE));
        } catch (IOException e) {
            LOG.warnf("Slack messages file %s is unreadable (%s); rollouts already announced get a new message",
                    path, e.getMessage());
            return Optional.empty();
        }
    }

    /** Through the store's atomic writer, forced to disk: a crash leaves the old list or the new one. */
    private void write() {
        if (file.isEmpty()) {
            return;
        }
        Path path = file.get();
        try {
            AtomicFile.write(path, json.writeValueAsBytes(byRollout), true);
        } catch (IOException e) {
            LOG.warnf("could not write Slack messages file %s (%s); after a restart, rollouts get a new message",
                    path, e.getMessage());
        }
    }
}
