package org.mmsgw.processors.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link Correspondents} as an append-only log ({@link RecordLog}) with its index in memory: for each
 * phone (its digits as one number) where its latest address lies in the log, a row of four longs in
 * one array, no object per phone. Recording the address a phone already has writes nothing; the
 * writes of many threads share their syncs (one {@code fdatasync} for all appended meanwhile).
 *
 * <p>Each time the log has begun a new file, the older files less than half of which is still in use
 * have their live records written again at the head, and files with nothing in use are removed (their
 * phones' later records are in newer files, and replay keeps the latest).
 *
 * <p>Opening takes over the correspondents of the earlier layout ({@code correspondents/<digits>}, a file
 * per phone, each written with two syncs of its own) and removes those files once they are in the log.
 */
final class CorrespondentLog implements Correspondents, AutoCloseable {
    static final long FILE_SIZE = 4L << 20;
    private static final byte ADDRESS = 1;
    private static final Pattern PHONE = Pattern.compile("\\+[0-9]{6,15}");
    private static final Pattern OLD_NAME = Pattern.compile("[0-9]{6,15}");
    /** Row values: the file and position of the address, its length. */
    private static final int FILE = 0;
    private static final int POSITION = 1;
    private static final int LENGTH = 2;

    private final RecordLog log;
    private final LongTable index = new LongTable(3);
    /** Octets of each file's records that are still the latest of their phone. */
    private final Map<Long, Long> live = new HashMap<>();
    /** The head file when the log was last compacted; read without the lock to skip the call. */
    private volatile long compactedAt;

    /** Opens (or creates) the log in {@code directory}/correspondents-log. */
    CorrespondentLog(Path directory, long fileSize) {
        log = new RecordLog(directory.resolve("correspondents-log"), fileSize);
        try {
            synchronized (this) {
                log.replay(r -> put(r.text(0), r.locations().get(1)));
                takeOver(directory.resolve("correspondents"));
                compactedAt = log.head();
            }
        } catch (IOException | RuntimeException e) {
            try {
                log.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot open the correspondents in " + directory,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    @Override
    public void record(String phone, String address) {
        long key = key(phone);
        byte[] octets = address.getBytes(StandardCharsets.UTF_8);
        boolean changed;
        synchronized (this) {
            int row = index.first(key);
            changed = row < 0 || !Arrays.equals(octets, addressAt(row));
            if (changed) {
                put(phone, log.appendWithoutWaiting(ADDRESS, utf8(phone), octets).get(1));
            }
        }
        if (changed) {
            log.syncOwn();
        } else {
            // the same address may still be on its way to the disk from another thread's record
            log.sync();
        }
        if (log.head() != compactedAt) {
            compact();
        }
    }

    @Override
    public Optional<String> of(String phone) {
        if (phone == null || !PHONE.matcher(phone).matches()) {
            return Optional.empty();
        }
        synchronized (this) {
            int row = index.first(key(phone));
            return row < 0 ? Optional.empty() : Optional.of(new String(addressAt(row), StandardCharsets.UTF_8));
        }
    }

    /** How many phones have a correspondent. */
    synchronized int size() {
        return index.size();
    }

    /** How many times the log was forced to disk (tests of shared syncs). */
    long forces() {
        return log.forces();
    }

    /** Points the phone at the address written at {@code at}, and counts the octets in use per file. */
    private void put(String phone, RecordLog.Location at) {
        long key = key(phone);
        int row = index.first(key);
        if (row < 0) {
            row = index.add(key);
        } else {
            live.merge(index.get(row, FILE), -recordSize(phone, (int) index.get(row, LENGTH)), Long::sum);
        }
        index.set(row, FILE, at.file());
        index.set(row, POSITION, at.position());
        index.set(row, LENGTH, at.length());
        live.merge(at.file(), recordSize(phone, at.length()), Long::sum);
    }

    private byte[] addressAt(int row) {
        try {
            return log.read(new RecordLog.Location(index.get(row, FILE), index.get(row, POSITION),
                    (int) index.get(row, LENGTH)));
        } catch (ClosedChannelException e) {
            // files go only under this object's lock, and only once nothing points into them
            throw new IllegalStateException("the correspondents index points into a removed file", e);
        }
    }

    /** Moves the live records out of mostly dead older files, and removes the files nothing points into. */
    private synchronized void compact() {
        long head = log.head();
        if (head == compactedAt) {
            return;
        }
        compactedAt = head;
        try {
            Map<Long, Long> sizes = log.sizes();
            Set<Long> movedOut = new HashSet<>();
            for (Map.Entry<Long, Long> f : sizes.entrySet()) {
                long inUse = live.getOrDefault(f.getKey(), 0L);
                if (f.getKey() < head && inUse > 0 && inUse * 2 < f.getValue()) {
                    movedOut.add(f.getKey());
                }
            }
            if (!movedOut.isEmpty()) {
                for (int row = 0; row < index.capacity(); row++) {
                    if (index.isRow(row) && movedOut.contains(index.get(row, FILE))) {
                        String phone = phone(index.keyAt(row));
                        put(phone, log.appendWithoutWaiting(ADDRESS, utf8(phone), addressAt(row)).get(1));
                    }
                }
                // the copies are on disk before the files they came from go
                log.sync();
            }
            for (long file : sizes.keySet()) {
                if (file < head && live.getOrDefault(file, 0L) == 0) {
                    log.delete(file);
                    live.remove(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact the correspondents log", e);
        }
    }

    /** The earlier layout: its phones the log does not know yet are written to the log, then its files go. */
    private void takeOver(Path old) throws IOException {
        if (!Files.isDirectory(old)) {
            return;
        }
        List<Path> files;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(old)) {
            files = new ArrayList<>();
            entries.forEach(files::add);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (OLD_NAME.matcher(name).matches() && index.first(key("+" + name)) < 0) {
                byte[] address = Files.readAllBytes(f);
                put("+" + name, log.appendWithoutWaiting(ADDRESS, utf8("+" + name), address).get(1));
            }
        }
        // in the log and on disk before the files go; a crash in between takes over only what is left
        log.sync();
        for (Path f : files) {
            Files.delete(f);
        }
        Files.delete(old);
        AtomicFiles.forceDirectory(old.getParent());
    }

    /** {@code +} and 6 to 15 digits as one number: the digits, and their count above them. */
    private static long key(String phone) {
        if (phone == null || !PHONE.matcher(phone).matches()) {
            throw new IllegalArgumentException("phone must be + and 6 to 15 digits, found '" + phone + "'");
        }
        String digits = phone.substring(1);
        return ((long) digits.length() << 50) | Long.parseLong(digits);
    }

    private static String phone(long key) {
        int length = (int) (key >>> 50);
        String digits = Long.toString(key & ((1L << 50) - 1));
        return "+" + "0".repeat(length - digits.length()) + digits;
    }

    /** A record's octets in the log: header, type, and each field with its length. */
    private static long recordSize(String phone, int addressLength) {
        return 8 + 1 + 4 + phone.length() + 4 + addressLength;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
