package dev.ecsami.operator.api;

import dev.ecsami.operator.SimulatedTestProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The application over a file store, as before and after a restart. Each profile gets a directory
 * of its own, so neither test depends on the other having run: the first run starts from an empty
 * store, the second from a store that holds what such a first run leaves behind (a finished
 * rollout, the file as the file store wrote it, kept under src/test/resources/restart-store).
 */
final class RestartProfiles {
    static final String STORED_ROLLOUT = "rollout-r-20261206-085301-c8aaef.json";

    private RestartProfiles() {
    }

    static Map<String, String> withFileStore(Map<String, String> base, Path dir) {
        Map<String, String> c = new HashMap<>(base);
        c.put("operator.store.kind", "file");
        c.put("operator.store.dir", dir.toString());
        return c;
    }

    static Path freshDirectory() {
        try {
            return Files.createTempDirectory("restart-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run on an empty store. */
    public static class Phase1 extends SimulatedTestProfile {
        static final Path STORE = freshDirectory();

        @Override
        public Map<String, String> getConfigOverrides() {
            return withFileStore(super.getConfigOverrides(), STORE);
        }
    }

    /** A run on a store a previous run left behind. */
    public static class Phase2 extends SimulatedTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path dir = freshDirectory();
            try (InputStream stored = RestartProfiles.class.getResourceAsStream("/restart-store/" + STORED_ROLLOUT)) {
                Files.copy(stored, dir.resolve(STORED_ROLLOUT));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return withFileStore(super.getConfigOverrides(), dir);
        }
    }
}
