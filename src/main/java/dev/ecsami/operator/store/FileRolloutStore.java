package dev.ecsami.operator.store;

import dev.ecsami.operator.core.model.Rollout;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Rollouts on local disk, one JSON file each. A save writes a temporary file, forces it to disk
 * and renames it over the old one, so a crash leaves either the old or the new rollout. All
 * rollouts are read once at start and kept in memory; history beyond {@code keep} finished
 * rollouts is deleted, oldest first. One process holds the directory ({@link DirectoryLock}), so
 * the fencing token has nothing to fence.
 */
public final class FileRolloutStore extends InMemoryRolloutStore {
    private static final String PREFIX = "rollout-";
    private static final String SUFFIX = ".json";
    private final JsonFiles files;
    private final int keep;

    public FileRolloutStore(RolloutJson json, Path dir, int keepFinished) {
        this(json, dir, keepFinished, true);
    }

    /** @param fsync force each save to the device before renaming it into place (off only in tests) */
    public FileRolloutStore(RolloutJson json, Path dir, int keepFinished, boolean fsync) {
        this.files = new JsonFiles(dir, json.mapper(), fsync);
        this.keep = keepFinished;
        files.readAll(FileRolloutStore::isRolloutFile, Rollout.class, "rollouts").forEach(super::save);
    }

    /** Other files may share the directory (e.g. the Slack bot's messages); only rollouts are read. */
    private static boolean isRolloutFile(String name) {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    @Override
    protected void save(Rollout rollout) {
        files.write(fileName(rollout.id()), rollout, "rollout " + rollout.id());
        super.save(rollout);
        List<Rollout> finished = inSaveOrder().stream().filter(r -> r.state().isFinal())
                .sorted(Comparator.comparing(Rollout::createdAt).reversed()).toList();
        for (Rollout old : finished.subList(Math.min(keep, finished.size()), finished.size())) {
            files.delete(fileName(old.id()), "old rollout " + old.id());
            forget(old.id());
        }
    }

    private static String fileName(String id) {
        if (!id.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("rollout id '" + id + "' is not a safe file name");
        }
        return PREFIX + id + SUFFIX;
    }
}
