package dev.ecsami.operator.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.drain.DrainRecord;
import dev.ecsami.operator.core.port.DrainStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Drain records as one JSON file each in a directory (the file store's {@code drains} folder),
 * written atomically, so a restarted operator resumes the drains in progress. Ended drains beyond
 * {@code keepEnded} are deleted, oldest first.
 */
public final class FileDrainStore implements DrainStore {
    private static final String SUFFIX = ".json";
    private final Path dir;
    private final int keepEnded;
    private final ObjectMapper json = RolloutJson.MAPPER;
    private final Map<String, DrainRecord> cache = new ConcurrentHashMap<>();

    public FileDrainStore(Path dir, int keepEnded) {
        this.dir = dir;
        this.keepEnded = keepEnded;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                    DrainRecord d = json.readValue(p.toFile(), DrainRecord.class);
                    cache.put(d.id(), d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read drain records from " + dir.toAbsolutePath(), e);
        }
    }

    @Override
    public synchronized void saveDrain(DrainRecord drain) {
        try {
            AtomicFile.write(dir.resolve(fileName(drain.id())), json.writeValueAsBytes(drain), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save drain " + drain.id() + " in " + dir.toAbsolutePath(), e);
        }
        cache.put(drain.id(), drain);
        List<DrainRecord> ended = drains().stream().filter(d -> d.state().ended()).toList();
        for (DrainRecord old : ended.subList(Math.min(keepEnded, ended.size()), ended.size())) {
            cache.remove(old.id());
            try {
                Files.deleteIfExists(dir.resolve(fileName(old.id())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete drain " + old.id(), e);
            }
        }
    }

    @Override
    public Optional<DrainRecord> findDrain(String id) {
        return Optional.ofNullable(cache.get(id));
    }

    @Override
    public List<DrainRecord> drains() {
        return cache.values().stream().sorted(Comparator.comparing(DrainRecord::startedAt).reversed()
                .thenComparing(DrainRecord::id)).toList();
    }

    /** Ids hold an instance id and an Auto Scaling token; anything but letters, digits, '.', '-' becomes '_'. */
    private static String fileName(String id) {
        return "drain-" + id.replaceAll("[^A-Za-z0-9.-]", "_") + SUFFIX;
    }
}
