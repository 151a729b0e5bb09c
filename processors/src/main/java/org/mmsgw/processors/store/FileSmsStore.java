package org.mmsgw.processors.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@link Correspondents} and {@link SmsParts} in a local directory: the correspondents in a log of their
 * own ({@link CorrespondentLog}, {@code correspondents-log/}); the segments written like whole files,
 * forced and renamed, {@code parts/<hex of key>/<sequence>} one segment's text.
 */
public final class FileSmsStore implements Correspondents, SmsParts, AutoCloseable {
    private final CorrespondentLog correspondents;
    private final Path parts;

    public FileSmsStore(Path directory) {
        this.parts = directory.resolve("parts");
        try {
            Files.createDirectories(directory);
            AtomicFiles.createDirectory(parts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the SMS store in " + directory, e);
        }
        this.correspondents = new CorrespondentLog(directory, CorrespondentLog.FILE_SIZE);
    }

    @Override
    public void record(String phone, String address) {
        correspondents.record(phone, address);
    }

    @Override
    public Optional<String> of(String phone) {
        return correspondents.of(phone);
    }

    @Override
    public synchronized Optional<List<String>> add(String key, int sequence, int total, String text) {
        if (sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("sequence must be 1.." + total + ", was " + sequence);
        }
        Path dir = parts.resolve(name(key));
        try {
            AtomicFiles.createDirectory(dir);
            AtomicFiles.write(dir.resolve(String.valueOf(sequence)), text.getBytes(StandardCharsets.UTF_8));
            List<String> texts = new ArrayList<>(total);
            for (int i = 1; i <= total; i++) {
                Optional<byte[]> part = AtomicFiles.read(dir.resolve(String.valueOf(i)));
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                texts.add(new String(part.get(), StandardCharsets.UTF_8));
            }
            return Optional.of(texts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a segment of " + key, e);
        }
    }

    @Override
    public synchronized void remove(String key) {
        Path dir = parts.resolve(name(key));
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.delete(file);
            }
            Files.delete(dir);
            AtomicFiles.forceDirectory(parts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the segments of " + key, e);
        }
    }

    @Override
    public synchronized int removeOlderThan(java.time.Instant instant) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parts)) {
            for (Path dir : dirs) {
                if (Files.getLastModifiedTime(dir).toInstant().isBefore(instant)) {
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                        for (Path file : files) {
                            Files.delete(file);
                        }
                    }
                    Files.delete(dir);
                    removed++;
                }
            }
            if (removed > 0) {
                AtomicFiles.forceDirectory(parts);
            }
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove old segments", e);
        }
    }

    /** Keys come from phones: as a file name only their hex form. */
    private static String name(String key) {
        String hex = HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
        if (hex.length() > 200) {
            throw new IllegalArgumentException("key too long: " + key.length() + " characters");
        }
        return hex;
    }

    @Override
    public void close() throws IOException {
        correspondents.close();
    }
}
