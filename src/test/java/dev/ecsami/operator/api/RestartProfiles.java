package dev.ecsami.operator.api;

import dev.ecsami.operator.SimulatedTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Two runs of the application over one file store: the first starts a rollout, the second (a
 * fresh application, as after a restart) reads its history. Quarkus runs test classes grouped by
 * profile name, so Phase1 runs before Phase2.
 */
final class RestartProfiles {
    static final Path STORE = Path.of("target", "restart-history-store");

    private RestartProfiles() {
    }

    static Map<String, String> withFileStore(Map<String, String> base) {
        Map<String, String> c = new java.util.HashMap<>(base);
        c.put("operator.store.kind", "file");
        c.put("operator.store.dir", STORE.toString());
        return c;
    }

    public static class Phase1 extends SimulatedTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The first run starts from an empty store.
            if (Files.exists(STORE)) {
                try (Stream<Path> files = Files.walk(STORE)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return withFileStore(super.getConfigOverrides());
        }
    }

    public static class Phase2 extends SimulatedTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return withFileStore(super.getConfigOverrides());
        }
    }
}
