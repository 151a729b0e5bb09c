package org.mmsgw.processors.store;

import static org.mmsgw.processors.store.StoreNames.isName;
import static org.mmsgw.processors.store.StoreNames.requireName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageStore} as an append-only log ({@link RecordLog}) with the index in memory, for one
 * gateway node: a write is one record and waits for its {@code fdatasync}, which writes at the same
 * time share (the file store's files cost an open, a rename and two syncs each). Records: a message
 * saved (its state and content), a new state, content removed, a message deleted, a segment recorded
 * (with its receipt). Opening the store replays the log. A background task moves what is still live
 * out of old files whose space is mostly dead, and removes files that hold nothing live.
 *
 * <p>Names follow the file store's rules ({@code [A-Za-z0-9_-]{1,128}}: writes refuse others, lookups
 * find nothing), so both stores answer the same. Memory: the state of every stored message (a few
 * hundred octets each); content stays on disk.
 */
public final class LogMessageStore implements MessageStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogMessageStore.class);
    private static final byte SAVE = 1;
    private static final byte STATE = 2;
    private static final byte NO_CONTENT = 3;
    private static final byte DELETE = 4;
    private static final byte SEGMENT = 5;
    private static final int LOCK_STRIPES = 64;
    private static final String[] NO_SEGMENTS = {};
    /** A file whose live records fill less than this share of it is compacted. */
    private static final double COMPACT_BELOW = 0.5;

    /** What the index keeps about one message: its state and where its records lie. */
    private static final class Entry {
        volatile StoredMessage message;
        volatile RecordLog.Location state;
        volatile RecordLog.Location content;
        /** SMSC ids of its segments, copied on change: a message has one or two (a set costs ten times more). */
        private volatile String[] segmentIds = NO_SEGMENTS;

        String[] segments() {
            return segmentIds;
        }

        synchronized void addSegment(String smscId) {
            String[] now = segmentIds;
            for (String id : now) {
                if (id.equals(smscId)) {
                    return;
                }
            }
            String[] more = Arrays.copyOf(now, now.length + 1);
            more[now.length] = smscId;
            segmentIds = more;
        }

        synchronized void removeSegment(String smscId) {
            segmentIds = Arrays.stream(segmentIds).filter(id -> !id.equals(smscId)).toArray(String[]::new);
        }
    }

    /** One segment and where its record lies. */
    private record Segment(SegmentRef ref, RecordLog.Location at) {
    }

    /** Set while the calling thread runs {@link #withoutWaiting}. */
    private static final ThreadLocal<Boolean> NOT_WAITING = new ThreadLocal<>();

    private final RecordLog log;
    private final Map<String, Entry> messages = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Segment> segments = new ConcurrentHashMap<>();
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];
    private final ScheduledExecutorService compactor;

    /** Opens (or creates) the store in {@code directory}, with log files of at most 64 MiB. */
    public LogMessageStore(Path directory) {
        this(directory, 64L * 1024 * 1024, 10);
    }

    /**
     * @param maxFileSize  octets per log file
     * @param compactEvery seconds between compaction runs; 0 for none (tests call {@link #compact})
     */
    public LogMessageStore(Path directory, long maxFileSize, long compactEvery) {
        Objects.requireNonNull(directory, "directory");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        log = new RecordLog(directory.resolve("log"), maxFileSize);
        try {
            log.replay(this::apply);
        } catch (IOException | RuntimeException e) {
            IOException failure = e instanceof IOException io ? io : new IOException(e);
            try {
                log.close();
            } catch (IOException closing) {
                failure.addSuppressed(closing);
            }
            throw new UncheckedIOException("cannot open the message store in " + directory, failure);
        }
        if (compactEvery > 0) {
            compactor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "message-store-compactor");
                t.setDaemon(true);
                return t;
            });
            compactor.scheduleWithFixedDelay(this::compactQuietly, compactEvery, compactEvery, TimeUnit.SECONDS);
        } else {
            compactor = null;
        }
    }

    // ------------------------------------------------------------------ replay: the one place records take effect

    private void apply(RecordLog.Record r) {
        apply(r, null);
    }

    /**
     * @param known for a save or state written here (not replayed): the message the record encodes, taken
     *              as it is instead of decoded again (the same strings as its earlier versions)
     */
    private void apply(RecordLog.Record r, StoredMessage known) {
        switch (r.type()) {
            case SAVE -> publish(stateOf(r, known), r.locations().get(1),
                    r.fields().size() > 2 ? r.locations().get(2) : null, true);
            // a state whose message is not known: its save record was compacted away after the content
            // went (a finished message), so the state alone makes the message again
            case STATE -> publish(stateOf(r, known), r.locations().get(1), null, false);
            case NO_CONTENT -> {
                Entry e = messages.get(r.text(0));
                if (e != null) {
                    e.content = null;
                }
            }
            case DELETE -> {
                String id = r.text(0);
                Entry e = messages.remove(id);
                if (e != null) {
                    for (Recipient recipient : e.message.recipients()) {
                        tokens.remove(recipient.token(), id);
                    }
                    for (String smscId : e.segments()) {
                        segments.computeIfPresent(smscId, (k, s) -> s.ref().messageId().equals(id) ? null : s);
                    }
                }
            }
            case SEGMENT -> {
                String smscId = r.text(0);
                Entry e = messages.get(r.text(1));
                if (e != null) {
                    // the message's own strings, not copies
                    String address = r.text(2);
                    address = e.message.recipient(address).map(Recipient::address).orElse(address);
                    SegmentRef ref = new SegmentRef(e.message.messageId(), address,
                            r.fields().get(3).length == 0 ? "" : r.text(3));
                    Segment old = segments.put(smscId, new Segment(ref, r.locations().get(0)));
                    if (old != null && !old.ref().messageId().equals(ref.messageId())) {
                        Optional.ofNullable(messages.get(old.ref().messageId())).ifPresent(o -> o.removeSegment(smscId));
                    }
                    e.addSegment(smscId);
                }
            }
            default -> throw new IllegalStateException("unknown record type " + r.type());
        }
    }

    /**
     * A message's new state (and content, for a save) into the index. A new entry is complete before
     * anyone can see it; tokens are those of the state.
     */
    private void publish(StoredMessage message, RecordLog.Location state, RecordLog.Location content,
            boolean withContent) {
        String id = message.messageId();
        Entry e = messages.get(id);
        if (e == null) {
            Entry fresh = new Entry();
            fresh.message = message;
            fresh.state = state;
            fresh.content = content;
            e = messages.putIfAbsent(id, fresh);
            if (e == null) {
                registerTokens(id, message);
                return;
            }
        }
        e.message = message;
        e.state = state;
        if (withContent) {
            e.content = content;
        }
        registerTokens(id, message);
    }

    private void registerTokens(String id, StoredMessage message) {
        for (Recipient recipient : message.recipients()) {
            if (!recipient.token().isEmpty()) {
                tokens.put(recipient.token(), id);
            }
        }
    }

    private static StoredMessage stateOf(RecordLog.Record r, StoredMessage known) {
        return known != null ? known : decodeState(r.fields().get(1), r.text(0));
    }

    private static StoredMessage decodeState(byte[] state, String id) {
        try {
            return StoredMessageProperties.decode(state, "log record of message " + id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a record, then lets it take effect: what anyone reads is on disk, except writes made in
     * {@link #withoutWaiting}, which take effect at once and are on disk with the next sync.
     */
    private void write(byte type, byte[]... fields) {
        write(type, null, fields);
    }

    /** @param known the message a save or state record encodes */
    private void write(byte type, StoredMessage known, byte[]... fields) {
        List<RecordLog.Location> at = Boolean.TRUE.equals(NOT_WAITING.get()) ? log.appendWithoutWaiting(type, fields)
                : log.append(type, fields);
        apply(new RecordLog.Record(type, List.of(fields), at), known);
    }

    /**
     * Writes the copy of a record that stays where it is until the copy is synced (compaction): it takes
     * effect at once, and {@link #compact} syncs before any old file goes.
     */
    private void copy(byte type, byte[]... fields) {
        apply(new RecordLog.Record(type, List.of(fields), log.appendWithoutWaiting(type, fields)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the MessageStore

    @Override
    public boolean save(StoredMessage message, byte[] content) {
        Objects.requireNonNull(content, "content");
        String id = requireName(message.messageId(), "message id");
        Set<String> own = new HashSet<>();
        for (Recipient r : message.recipients()) {
            if (!r.token().isEmpty()) {
                own.add(requireName(r.token(), "token"));
            }
        }
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            if (messages.containsKey(id)) {
                return false;
            }
            for (String token : own) {
                String owner = tokens.get(token);
                if (owner != null && !owner.equals(id) && messages.containsKey(owner)) {
                    throw new IllegalStateException("token " + token + " of message " + id
                            + " already belongs to message " + owner);
                }
            }
            write(SAVE, message, utf8(id), StoredMessageProperties.encode(message), content);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void withoutWaiting(Runnable writes) {
        Boolean before = NOT_WAITING.get();
        NOT_WAITING.set(Boolean.TRUE);
        try {
            writes.run();
        } finally {
            NOT_WAITING.set(before);
        }
    }

    @Override
    public void sync() {
        log.sync();
    }

    /** How many times the store's log was forced to disk. */
    long forces() {
        return log.forces();
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        Entry e = isName(messageId) ? messages.get(messageId) : null;
        return e == null ? Optional.empty() : Optional.of(e.message);
    }

    @Override
    public Optional<byte[]> content(String messageId) {
        Entry e = isName(messageId) ? messages.get(messageId) : null;
        for (int attempt = 0; e != null && attempt < 3; attempt++) {
            RecordLog.Location at = e.content;
            if (at == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(log.read(at));
            } catch (ClosedChannelException moved) {
                // compaction moved it meanwhile: read it where it is now
                e = messages.get(messageId);
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> messageIdForToken(String token) {
        String id = isName(token) ? tokens.get(token) : null;
        return id != null && messages.containsKey(id) ? Optional.of(id) : Optional.empty();
    }

    @Override
    public Optional<StoredMessage> updateRecipient(String messageId, String address, RecipientState state) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        String id = requireName(messageId, "message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Entry e = messages.get(id);
            if (e == null) {
                return Optional.empty();
            }
            Optional<StoredMessage> updated = e.message.moved(address, state);
            if (updated.isEmpty()) {
                return Optional.of(e.message);
            }
            write(STATE, updated.get(), utf8(id), StoredMessageProperties.encode(updated.get()));
            return updated;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void recordSegment(String messageId, String address, String smscMessageId) {
        Objects.requireNonNull(address, "address");
        StoreNames.requireSegmentAddress(address);
        String id = requireName(messageId, "message id");
        String smscId = requireName(smscMessageId, "SMSC message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Entry e = messages.get(id);
            if (e == null || e.message.recipient(address).isEmpty()) {
                return;
            }
            Segment existing = segments.get(smscId);
            if (existing != null && existing.ref().messageId().equals(id) && existing.ref().address().equals(address)) {
                return;
            }
            write(SEGMENT, utf8(smscId), utf8(id), utf8(address), new byte[0]);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<SegmentRef> findSegment(String smscMessageId) {
        Segment s = isName(smscMessageId) ? segments.get(smscMessageId) : null;
        return s == null ? Optional.empty() : Optional.of(s.ref());
    }

    @Override
    public Optional<SegmentRef> recordReceipt(String smscMessageId, String status) {
        if (!isName(smscMessageId)) {
            return Optional.empty();
        }
        StoreNames.requireReceipt(status);
        Segment s = segments.get(smscMessageId);
        if (s == null) {
            return Optional.empty();
        }
        ReentrantLock lock = lockFor(s.ref().messageId());
        lock.lock();
        try {
            Segment now = segments.get(smscMessageId);
            if (now == null || now.ref().receipt().equals(status)) {
                return now == null ? Optional.empty() : Optional.of(now.ref());
            }
            write(SEGMENT, utf8(smscMessageId), utf8(now.ref().messageId()), utf8(now.ref().address()), utf8(status));
            return findSegment(smscMessageId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SegmentRef> segments(String messageId, String address) {
        Entry e = isName(messageId) ? messages.get(messageId) : null;
        if (e == null) {
            return List.of();
        }
        List<SegmentRef> out = new ArrayList<>();
        for (String smscId : e.segments()) {
            Segment s = segments.get(smscId);
            if (s != null && s.ref().messageId().equals(messageId) && s.ref().address().equals(address)) {
                out.add(s.ref());
            }
        }
        return out;
    }

    /** {@inheritDoc} Earliest expiry first. */
    @Override
    public List<String> expiredBefore(Instant now) {
        Objects.requireNonNull(now, "now");
        return messages.entrySet().stream().filter(e -> e.getValue().message.expiry().isBefore(now))
                .sorted(Comparator.<Map.Entry<String, Entry>, Instant>comparing(e -> e.getValue().message.expiry())
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).toList();
    }

    @Override
    public void removeContent(String messageId) {
        String id = requireName(messageId, "message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            Entry e = messages.get(id);
            if (e != null && e.content != null) {
                write(NO_CONTENT, utf8(id));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(String messageId) {
        String id = requireName(messageId, "message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            if (messages.containsKey(id)) {
                write(DELETE, utf8(id));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isWritable() {
        return log.isWritable();
    }

    // ------------------------------------------------------------------ compaction

    /**
     * Moves what is still live out of old files that are mostly dead, and removes the files that hold
     * nothing live. A record is moved by writing it again (a message's state and content, a segment);
     * its file goes only once the new copy is on disk.
     */
    public synchronized void compact() throws IOException {
        long head = log.head();
        // every write that began before is in the index now (writes hold their message's stripe);
        // later ones go to the head or a newer file, which this run leaves alone
        for (ReentrantLock lock : locks) {
            lock.lock();
            lock.unlock();
        }
        // copies an earlier run made are on disk before their originals can go
        log.sync();
        Map<Long, Long> live = new HashMap<>();
        for (Entry e : messages.values()) {
            count(live, e.state);
            count(live, e.content);
        }
        for (Segment s : segments.values()) {
            count(live, s.at());
        }
        // files go from the oldest end only: a dead file may hold the delete record of a message whose
        // save is in an older file that stays
        boolean oldest = true;
        for (Map.Entry<Long, Long> f : log.sizes().entrySet()) {
            long file = f.getKey();
            if (file >= head) {
                break;
            }
            long bytes = live.getOrDefault(file, 0L);
            if (bytes == 0 && oldest) {
                log.delete(file);
                LOG.debug("message log file {} removed", file);
                continue;
            }
            oldest = false;
            if (bytes > 0 && bytes < COMPACT_BELOW * f.getValue()) {
                moveOut(file);
            }
        }
        // the copies are on disk before a later run can remove the files they came from
        log.sync();
    }

    private static void count(Map<Long, Long> live, RecordLog.Location at) {
        if (at != null) {
            live.merge(at.file(), (long) at.length(), Long::sum);
        }
    }

    private void moveOut(long file) throws ClosedChannelException {
        for (Map.Entry<String, Entry> m : messages.entrySet()) {
            String id = m.getKey();
            ReentrantLock lock = lockFor(id);
            lock.lock();
            try {
                Entry e = messages.get(id);
                boolean stateHere = e != null && e.state != null && e.state.file() == file;
                boolean contentHere = e != null && e.content != null && e.content.file() == file;
                if (stateHere || contentHere) {
                    byte[] state = StoredMessageProperties.encode(e.message);
                    if (e.content != null) {
                        copy(SAVE, utf8(id), state, log.read(e.content));
                    } else {
                        copy(STATE, utf8(id), state);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        for (Map.Entry<String, Segment> s : segments.entrySet()) {
            if (s.getValue().at().file() == file) {
                SegmentRef ref = s.getValue().ref();
                ReentrantLock lock = lockFor(ref.messageId());
                lock.lock();
                try {
                    Segment now = segments.get(s.getKey());
                    if (now != null && now.at().file() == file) {
                        copy(SEGMENT, utf8(s.getKey()), utf8(now.ref().messageId()), utf8(now.ref().address()),
                                utf8(now.ref().receipt()));
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void compactQuietly() {
        try {
            compact();
        } catch (IOException | RuntimeException e) {
            // compaction only frees space; the next run tries again
            LOG.warn("message log compaction failed: {}", e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        if (compactor != null) {
            compactor.shutdown();
            try {
                compactor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.close();
    }

    private ReentrantLock lockFor(String id) {
        return locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
    }


}
