package org.mmsgw.processors.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only files of records with group commit: every {@link #append} returns once its record is on
 * stable storage, and records appended at the same time share one {@code fdatasync}. Files are
 * {@code <dir>/<sequence>.log} of at most {@code maxFileSize} octets; a record is
 * {@code [length][crc32c][type][fields...]}, each field {@code [length][octets]}, integers big-endian.
 * {@link #replay} reads everything back in write order and cuts a torn record off the end of the last
 * file (the write a crash interrupted).
 *
 * <p>A caller interrupted in the middle of a write or read makes Java close the file's channel; the
 * log opens it again for everyone else, and only that caller fails. After a failed {@code fdatasync}
 * the log takes no more writes (what the kernel dropped cannot be told apart from what it kept): the
 * gateway then refuses work until it is restarted, rather than acknowledge what may not be on disk.
 */
final class RecordLog implements AutoCloseable {
    /** Where a field of a record lies. */
    record Location(long file, long position, int length) {
    }

    /** One record as read back: its type, fields and where each field lies. */
    record Record(byte type, List<byte[]> fields, List<Location> locations) {
        String text(int i) {
            return new String(fields.get(i), StandardCharsets.UTF_8);
        }
    }

    /** A record to append: its type and fields. */
    record Entry(byte type, byte[]... fields) {
        /** Octets after the record's header: the type and each field with its length. */
        int length() {
            int length = 1;
            for (byte[] f : fields) {
                length += 4 + f.length;
            }
            return length;
        }
    }

    interface Replayer {
        void apply(Record record);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RecordLog.class);
    private static final String SUFFIX = ".log";
    private static final int HEADER = 8;

    private final Path dir;
    private final long maxFileSize;
    private final Map<Long, FileChannel> files = new ConcurrentHashMap<>();
    private final Object appendLock = new Object();
    private final Object syncLock = new Object();
    private long head;
    private long headSize;
    private long appended;
    private long synced;
    private boolean syncing;
    private volatile IOException broken;
    private final AtomicLong forces = new AtomicLong();
    /** The ticket of the latest record each thread appended: what its {@link #syncOwn} waits for. */
    private final ThreadLocal<long[]> ownTicket = ThreadLocal.withInitial(() -> new long[1]);

    RecordLog(Path dir, long maxFileSize) {
        this.dir = dir;
        this.maxFileSize = maxFileSize;
    }

    /** Reads every record back in write order, then opens the log for appending. */
    void replay(Replayer replayer) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
        AtomicFiles.createDirectory(dir);
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                found.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), p);
            }
        }
        for (Map.Entry<Long, Path> e : found.entrySet()) {
            FileChannel channel = FileChannel.open(e.getValue(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            files.put(e.getKey(), channel);
            long end = replayFile(e.getKey(), channel, replayer, e.getKey().equals(found.lastKey()));
            if (end < channel.size()) {
                // the record a crash interrupted: nobody was told it was stored
                LOG.warn("message log file {}: {} octets after offset {} are not a whole record and are cut off",
                        e.getKey(), channel.size() - end, end);
                channel.truncate(end);
                channel.force(true);
            }
        }
        synchronized (appendLock) {
            if (found.isEmpty()) {
                openHead(1);
            } else {
                head = found.lastKey();
                headSize = files.get(head).size();
            }
        }
    }

    private long replayFile(long file, FileChannel channel, Replayer replayer, boolean last) throws IOException {
        long size = channel.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (pos + HEADER <= size) {
            header.clear();
            readFully(channel, header, pos);
            int length = header.getInt(0);
            int crc = header.getInt(4);
            if (length < 1 || pos + HEADER + length > size) {
                return torn(file, pos, last, "length " + length);
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            readFully(channel, body, pos + HEADER);
            CRC32C check = new CRC32C();
            check.update(body.array());
            if ((int) check.getValue() != crc) {
                return torn(file, pos, last, "checksum");
            }
            replayer.apply(parse(file, pos + HEADER, body.array()));
            pos += HEADER + length;
        }
        return pos < size ? torn(file, pos, last, "short header") : pos;
    }

    private static long torn(long file, long pos, boolean last, String what) throws IOException {
        if (!last) {
            throw new IOException("log file " + file + " is damaged at " + pos + " (" + what + ")");
        }
        return pos;
    }

    private static Record parse(long file, long start, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(body);
        byte type = b.get();
        List<byte[]> fields = new ArrayList<>();
        List<Location> locations = new ArrayList<>();
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                throw new IOException("log file " + file + ": field length cut at " + (start + b.position()));
            }
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new IOException("log file " + file + ": field of " + n + " octets at " + (start + b.position()));
            }
            locations.add(new Location(file, start + b.position(), n));
            byte[] f = new byte[n];
            b.get(f);
            fields.add(f);
        }
        return new Record(type, fields, locations);
    }

    /**
     * Appends a record and returns once it is on stable storage, with the locations of its fields.
     */
    List<Location> append(byte type, byte[]... fields) {
        return append(true, type, fields);
    }

    /**
     * Appends a record without waiting for the disk; it is on stable storage after a later {@link #sync}
     * (or any later append that waits). For compaction's copies, whose originals stay until then, and
     * for writes a caller syncs once for several.
     */
    List<Location> appendWithoutWaiting(byte type, byte[]... fields) {
        return append(false, type, fields);
    }

    /** Returns once everything appended so far is on stable storage. */
    void sync() {
        long ticket;
        synchronized (appendLock) {
            ticket = appended;
        }
        syncUpTo(ticket);
    }

    /**
     * Returns once every record the calling thread appended is on stable storage; records of other
     * threads appended later do not make it wait for another force.
     */
    void syncOwn() {
        syncUpTo(ownTicket.get()[0]);
    }

    private void syncUpTo(long ticket) {
        try {
            awaitSync(ticket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the message log in " + dir, e);
        }
    }

    /**
     * Appends several records in one write without waiting for the disk (as {@link #appendWithoutWaiting}),
     * one after the other in the same file; returns the locations of each record's fields.
     */
    List<List<Location>> appendAllWithoutWaiting(List<Entry> entries) {
        return append(false, entries);
    }

    private List<Location> append(boolean durable, byte type, byte[]... fields) {
        return append(durable, List.of(new Entry(type, fields))).get(0);
    }

    private List<List<Location>> append(boolean durable, List<Entry> entries) {
        int total = 0;
        for (Entry e : entries) {
            total += HEADER + e.length();
        }
        ByteBuffer records = ByteBuffer.allocate(total);
        for (Entry e : entries) {
            int start = records.position();
            int length = e.length();
            records.putInt(length).putInt(0).put(e.type());
            for (byte[] f : e.fields()) {
                records.putInt(f.length).put(f);
            }
            CRC32C crc = new CRC32C();
            crc.update(records.array(), start + HEADER, length);
            records.putInt(start + 4, (int) crc.getValue());
        }
        records.flip();
        long ticket;
        List<List<Location>> locations = new ArrayList<>(entries.size());
        try {
            synchronized (appendLock) {
                usable();
                if (headSize > 0 && headSize + records.remaining() > maxFileSize) {
                    roll();
                }
                long start = headSize;
                write(records, start);
                long recordPos = start;
                for (Entry e : entries) {
                    List<Location> fields = new ArrayList<>(e.fields().length);
                    long fieldPos = recordPos + HEADER + 1;
                    for (byte[] f : e.fields()) {
                        fields.add(new Location(head, fieldPos + 4, f.length));
                        fieldPos += 4 + f.length;
                    }
                    locations.add(fields);
                    recordPos = fieldPos;
                }
                headSize = start + records.limit();
                ticket = ++appended;
            }
            ownTicket.get()[0] = ticket;
            if (durable) {
                awaitSync(ticket);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the message log in " + dir, e);
        }
        return locations;
    }

    /** Writes at {@code start} of the head; on failure nothing of the record stays after {@code start}. */
    private void write(ByteBuffer record, long start) throws IOException {
        for (int attempt = 0; ; attempt++) {
            FileChannel channel = files.get(head);
            try {
                record.position(0);
                while (record.hasRemaining()) {
                    channel.write(record, start + record.position());
                }
                return;
            } catch (ClosedChannelException e) {
                reopen(head, channel);
                if (e instanceof ClosedByInterruptException || attempt > 0) {
                    files.get(head).truncate(start);
                    throw e;
                }
                // closed by another caller's interrupt: once more on the reopened channel
            } catch (IOException e) {
                files.get(head).truncate(start);
                throw e;
            }
        }
    }

    /** The whole old head is on disk, and nothing after its last record, before the next file begins. */
    private void roll() throws IOException {
        FileChannel old = files.get(head);
        old.truncate(headSize);
        try {
            old.force(false);
        } catch (IOException e) {
            broken = e;
            throw e;
        }
        synchronized (syncLock) {
            synced = Math.max(synced, appended);
            syncLock.notifyAll();
        }
        openHead(head + 1);
    }

    /** Group commit: one thread forces the head file for everything appended so far, the others wait. */
    private void awaitSync(long ticket) throws IOException {
        while (true) {
            synchronized (syncLock) {
                while (synced < ticket && syncing && broken == null) {
                    try {
                        syncLock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted waiting for the log to be on disk", e);
                    }
                }
                if (synced >= ticket) {
                    return;
                }
                usable();
                syncing = true;
            }
            long target;
            long file;
            synchronized (appendLock) {
                target = appended;
                file = head;
            }
            boolean done = false;
            try {
                // outside both monitors: others append meanwhile and are covered by the next force
                force(file);
                done = true;
            } catch (IOException e) {
                if (!(e instanceof ClosedByInterruptException)) {
                    broken = e;
                }
                throw e;
            } finally {
                synchronized (syncLock) {
                    syncing = false;
                    if (done) {
                        synced = Math.max(synced, target);
                    }
                    syncLock.notifyAll();
                }
            }
        }
    }

    /** How many times the log forced a file to disk (tests of group commit and of writes that do not wait). */
    long forces() {
        return forces.get();
    }

    private void force(long file) throws IOException {
        forces.incrementAndGet();
        FileChannel channel = files.get(file);
        try {
            channel.force(false);
        } catch (ClosedChannelException e) {
            FileChannel reopened = reopen(file, channel);
            if (e instanceof ClosedByInterruptException) {
                throw e;
            }
            reopened.force(false);
        }
    }

    private void usable() throws IOException {
        IOException e = broken;
        if (e != null) {
            throw new IOException("the message log failed to reach the disk earlier and takes no more writes", e);
        }
    }

    /**
     * The octets at a location. {@link ClosedChannelException} means the file is gone (compaction
     * moved its records): the caller reads where the record is now.
     */
    byte[] read(Location location) throws ClosedChannelException {
        for (int attempt = 0; ; attempt++) {
            FileChannel channel = files.get(location.file());
            if (channel == null) {
                throw new ClosedChannelException();
            }
            ByteBuffer buffer = ByteBuffer.allocate(location.length());
            try {
                readFully(channel, buffer, location.position());
                return buffer.array();
            } catch (ClosedChannelException e) {
                if (files.get(location.file()) == null) {
                    throw e;
                }
                reopenQuietly(location.file(), channel);
                if (e instanceof ClosedByInterruptException || attempt > 0) {
                    throw new UncheckedIOException("reading the message log file " + location.file() + " failed", e);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the message log file " + location.file(), e);
            }
        }
    }

    /** Where the whole record lies whose fields lie at {@code fields} (as {@link #append} returned them). */
    static Location wholeRecord(List<Location> fields) {
        Location first = fields.get(0);
        Location last = fields.get(fields.size() - 1);
        long start = first.position() - HEADER - 1 - 4;
        return new Location(first.file(), start, (int) (last.position() + last.length() - start));
    }

    /**
     * The record at a location of {@link #wholeRecord}; {@link ClosedChannelException} as for
     * {@link #read}.
     */
    Record readRecord(Location whole) throws ClosedChannelException {
        byte[] octets = read(whole);
        ByteBuffer b = ByteBuffer.wrap(octets);
        int length = b.getInt(0);
        CRC32C check = new CRC32C();
        check.update(octets, HEADER, octets.length - HEADER);
        if (length != octets.length - HEADER || (int) check.getValue() != b.getInt(4)) {
            throw new UncheckedIOException(new IOException("log file " + whole.file() + ": no record at "
                    + whole.position()));
        }
        try {
            return parse(whole.file(), whole.position() + HEADER, Arrays.copyOfRange(octets, HEADER,
                    octets.length));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a file again whose channel a caller's interrupt closed (still the registered one). */
    private FileChannel reopen(long file, FileChannel closed) throws IOException {
        synchronized (files) {
            FileChannel now = files.get(file);
            if (now == null) {
                throw new ClosedChannelException();
            }
            if (now == closed && !now.isOpen()) {
                now = FileChannel.open(path(file), StandardOpenOption.READ, StandardOpenOption.WRITE);
                files.put(file, now);
            }
            return now;
        }
    }

    private void reopenQuietly(long file, FileChannel closed) {
        try {
            reopen(file, closed);
        } catch (IOException e) {
            LOG.debug("message log file {} could not be opened again: {}", file, e.toString());
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("end of file at " + (position + buffer.position()));
            }
        }
    }

    /** Whether appends are still taken (no sync has failed). */
    boolean isWritable() {
        return broken == null;
    }

    /** The file records are appended to now. */
    long head() {
        synchronized (appendLock) {
            return head;
        }
    }

    /** Every file and its size, oldest first. */
    Map<Long, Long> sizes() throws IOException {
        Map<Long, Long> out = new TreeMap<>();
        for (Map.Entry<Long, FileChannel> e : files.entrySet()) {
            out.put(e.getKey(), Files.size(path(e.getKey())));
        }
        return out;
    }

    /** Removes a file that holds nothing live any more (never the head). */
    void delete(long file) throws IOException {
        if (file >= head()) {
            throw new IllegalArgumentException("file " + file + " is the head or newer");
        }
        synchronized (files) {
            FileChannel channel = files.remove(file);
            if (channel != null) {
                channel.close();
                Files.deleteIfExists(path(file));
                AtomicFiles.forceDirectory(dir);
            }
        }
    }

    private void openHead(long file) throws IOException {
        FileChannel channel = FileChannel.open(path(file), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        AtomicFiles.forceDirectory(dir);
        files.put(file, channel);
        head = file;
        headSize = 0;
    }

    private Path path(long file) {
        return dir.resolve(String.format("%010d%s", file, SUFFIX));
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (FileChannel c : files.values()) {
            try {
                c.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        files.clear();
        if (first != null) {
            throw first;
        }
    }
}
