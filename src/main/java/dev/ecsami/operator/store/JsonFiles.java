package dev.ecsami.operator.store;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The file stores' directories: one JSON file a record, read all at start, written atomically
 * ({@code fsync}: forced to the device first), pruned.
 */
record JsonFiles(Path dir, ObjectMapper json, boolean fsync) {

    /** Every file whose name {@code accepts}, read as {@code type}; the directory is created if missing. */
    <T> List<T> readAll(Predicate<String> accepts, Class<T> type, String what) {
        List<T> out = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> accepts.test(f.getFileName().toString())).toList()) {
                    out.add(json.readValue(p.toFile(), type));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " from " + dir.toAbsolutePath(), e);
        }
        return out;
    }

    /** Replaces the file atomically (see {@link AtomicFile}). */
    void write(String fileName, Object value, String what) {
        try {
            AtomicFile.write(dir.resolve(fileName), json.writeValueAsBytes(value), fsync);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + what + " in " + dir.toAbsolutePath(), e);
        }
    }

    void delete(String fileName, String what) {
        try {
            Files.deleteIfExists(dir.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + what, e);
        }
    }
}
