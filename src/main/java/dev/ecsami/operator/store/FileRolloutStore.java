package dev.ecsami.operator.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsami.operator.core.model.Rollout;
import dev.ecsami.operator.core.port.RolloutStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Rollouts on local disk, one JSON file each. A save writes a temporary file, forces it to disk
 * and renames it over the old one, so a crash leaves either the old or the new rollout. All
 * rollouts are read once at start and kept in memory; history beyond {@code keep} finished
 * rollouts is deleted, oldest first.
 */
public final class FileRolloutStore implements RolloutStore {
    private static final String PREFIX = "rollout-";
    private static final String SUFFIX = ".json";
    private final Path dir;
    private final int keep;
    private final boolean fsync;
    private final ObjectMapper json;
    private final Map<String, Rollout> cache = new LinkedHashMap<>();

    public FileRolloutStore(Path dir, int keepFinished) {
        this(dir, keepFinished, true);
    }

    /** @param fsync force each save to the device before renaming it into place (off only in tests) */
    public FileRolloutStore(Path dir, int keepFinished, boolean fsync) {
        this.dir = dir;
        this.keep = keepFinished;
        this.fsync = fsync;
        this.json = RolloutJson.MAPPER;
        load();
    }

    /** Other files may share the directory (e.g. the Slack bot's messages); only rollouts are read. */
    private static boolean isRolloutFile(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    private void load() {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(FileRolloutStore::isRolloutFile).toList()) {
                    Rollout r = json.readValue(p.toFile(), Rollout.class);
                    cache.put(r.id(), r);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rollouts from " + dir.toAbsolutePath(), e);
        }
    }

    @Override
    public synchronized void create(Rollout rollout) {
        LocalWrites.checkCreate(cache, rollout);
        write(rollout);
    }

    /** One process (the directory is locked, see {@link DirectoryLock}): the fencing token has nothing to fence. */
    @Override
    public synchronized void update(Rollout before, Rollout after, long fencingToken) {
        LocalWrites.checkUpdate(cache, before, after);
        write(after);
    }

    private void write(Rollout rollout) {
        Path target = dir.resolve(fileName(rollout.id()));
        try {
            AtomicFile.write(target, json.writeValueAsBytes(rollout), fsync);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save rollout " + rollout.id() + " in " + dir.toAbsolutePath(), e);
        }
        cache.put(rollout.id(), rollout);
        prune();
    }

    private void prune() {
        List<Rollout> finished = cache.values().stream().filter(r -> r.state().isFinal())
                .sorted(Comparator.comparing(Rollout::createdAt).reversed()).toList();
        for (Rollout old : finished.subList(Math.min(keep, finished.size()), finished.size())) {
            try {
                Files.deleteIfExists(dir.resolve(fileName(old.id())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old rollout " + old.id(), e);
            }
            cache.remove(old.id());
        }
    }

    private static String fileName(String id) {
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("rollout id '" + id + "' is not a safe file name");
        }
        return PREFIX + id + SUFFIX;
    }

    @Override
    public synchronized Optional<Rollout> find(String id) {
        return Optional.ofNullable(cache.get(id));
    }

    @Override
    public synchronized List<Rollout> all() {
        List<Rollout> list = new ArrayList<>(cache.values());
        list.sort(Comparator.comparing(Rollout::createdAt).thenComparing(Rollout::id).reversed());
        return list;
    }
}
