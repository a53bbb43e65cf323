package dev.ecsami.operator.slack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bot's message of each rollout (channel and ts), so that later statuses edit it and replies
 * go in its thread. Kept in a file next to the rollout store when there is one, so a restarted
 * operator edits the same message instead of posting a second. The newest {@code capacity} are
 * kept; the next status of a forgotten rollout posts a new message.
 */
final class PostedMessages {
    private static final Logger LOG = Logger.getLogger(PostedMessages.class);
    private static final TypeReference<LinkedHashMap<String, SendOutcome.Sent>> TYPE = new TypeReference<>() {
    };

    private final Optional<Path> file;
    private final ObjectMapper json = new ObjectMapper();
    private final LinkedHashMap<String, SendOutcome.Sent> byRollout;

    private PostedMessages(Optional<Path> file, int capacity) {
        this.file = file;
        this.byRollout = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SendOutcome.Sent> eldest) {
                return size() > capacity;
            }
        };
        file.flatMap(this::read).ifPresent(byRollout::putAll);
    }

    static PostedMessages inMemory(int capacity) {
        return new PostedMessages(Optional.empty(), capacity);
    }

    /** Reads the file if it is there; an unreadable one is logged and started afresh. */
    static PostedMessages inFile(Path file, int capacity) {
        return new PostedMessages(Optional.of(file), capacity);
    }

    synchronized Optional<SendOutcome.Sent> get(String rolloutId) {
        return Optional.ofNullable(byRollout.get(rolloutId));
    }

    synchronized void put(String rolloutId, SendOutcome.Sent message) {
        byRollout.put(rolloutId, message);
        write();
    }

    synchronized void forget(String rolloutId) {
        if (byRollout.remove(rolloutId) != null) {
            write();
        }
    }

    private Optional<Map<String, SendOutcome.Sent>> read(Path path) {
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

    /** Temp file and atomic rename: a crash leaves the old list or the new one. */
    private void write() {
        if (file.isEmpty()) {
            return;
        }
        Path path = file.get();
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), byRollout);
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warnf("could not write Slack messages file %s (%s); after a restart, rollouts get a new message",
                    path, e.getMessage());
        }
    }
}
