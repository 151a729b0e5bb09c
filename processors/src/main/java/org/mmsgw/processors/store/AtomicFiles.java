package org.mmsgw.processors.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * File operations that are on stable storage when they return: data is forced before it becomes
 * visible under its name, and the directory entry is forced after every create, rename and delete.
 */
final class AtomicFiles {

    private static final boolean DIRECTORIES_OPENABLE =
            !System.getProperty("os.name", "").regionMatches(true, 0, "Windows", 0, 7);

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code data} atomically: a reader sees either the old file, or no
     * file, or the whole new one, never a part of it.
     */
    static void write(Path target, byte[] data) throws IOException {
        Path dir = target.getParent();
        // The leading dot keeps temporary names out of the [A-Za-z0-9_-] name space of the store.
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                writeFully(channel, data);
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        forceDirectory(dir);
    }

    /** Appends {@code data} to {@code file}, creating it if needed. A crash may leave a torn last append. */
    static void append(Path file, byte[] data) throws IOException {
        boolean created = !Files.exists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            writeFully(channel, data);
            channel.force(true);
        }
        if (created) {
            forceDirectory(file.getParent());
        }
    }

    /** The whole file, or empty when it does not exist. */
    static Optional<byte[]> read(Path file) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Creates {@code dir} (its parent must exist) unless it exists, and makes the new entry durable. */
    static void createDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectory(dir);
            forceDirectory(dir.getParent());
        }
    }

    /** Deletes {@code file} if it exists and makes the removal durable. */
    static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            forceDirectory(file.getParent());
        }
    }

    /**
     * Forces a directory's entries (creates, renames, deletes) to disk. Windows cannot open a
     * directory as a file and makes renames durable by itself; elsewhere a failure is a real error.
     */
    static void forceDirectory(Path dir) throws IOException {
        if (!DIRECTORIES_OPENABLE) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void writeFully(FileChannel channel, byte[] data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
