package dev.ecsami.operator.store;

import dev.ecsami.operator.core.drain.DrainRecord;

import java.nio.file.Path;
import java.util.List;

/**
 * Drain records as one JSON file each in a directory (the file store's {@code drains} folder),
 * written atomically, so a restarted operator resumes the drains in progress. Ended drains beyond
 * {@code keepEnded} are deleted, oldest first. One process holds the directory (its lock), so the
 * copy in memory is the one on disk.
 */
public final class FileDrainStore extends InMemoryDrainStore {
    private static final String SUFFIX = ".json";
    private final JsonFiles files;
    private final int keepEnded;

    public FileDrainStore(RolloutJson json, Path dir, int keepEnded) {
        this.files = new JsonFiles(dir, json.mapper(), true);
        this.keepEnded = keepEnded;
        files.readAll(name -> name.endsWith(SUFFIX), DrainRecord.class, "drain records").forEach(super::save);
    }

    @Override
    protected void save(DrainRecord drain) {
        files.write(fileName(drain.id()), drain, "drain " + drain.id());
        super.save(drain);
        List<DrainRecord> ended = all().stream().filter(d -> d.state().ended()).toList();
        for (DrainRecord old : ended.subList(Math.min(keepEnded, ended.size()), ended.size())) {
            forget(old.id());
            files.delete(fileName(old.id()), "drain " + old.id());
        }
    }

    /** Ids hold an instance id and an Auto Scaling token; anything but letters, digits, '.', '-' becomes '_'. */
    private static String fileName(String id) {
        return "drain-" + id.replaceAll("[^A-Za-z0-9.-]", "_") + SUFFIX;
    }
}
