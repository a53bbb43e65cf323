package dev.ecsami.operator.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the file store's directory, held for the life of the process, so that two
 * operators never drive the same rollouts from one directory. The operating system releases it
 * when the process ends, however it ends.
 */
public final class DirectoryLock implements AutoCloseable {
    static final String FILE = ".operator.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws IllegalStateException naming the directory when another process (or owner) holds it */
    public static DirectoryLock acquire(Path dir) {
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the store directory " + dir.toAbsolutePath()
                    + " (operator.store.dir)", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw held(dir);
        }
        return new DirectoryLock(channel, lock);
    }

    private static IllegalStateException held(Path dir) {
        return new IllegalStateException("operator.store.dir " + dir.toAbsolutePath() + " is in use by another "
                + "operator process (it holds " + FILE + "); two processes must not share a file store. Stop the "
                + "other one, give this one its own directory, or run both on operator.store.kind=dynamodb");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing was locked
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
