package org.mmsgw.processors.store;

import static org.mmsgw.processors.store.StoreNames.isName;
import static org.mmsgw.processors.store.StoreNames.requireName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link MessageStore} as an append-only log ({@link RecordLog}) with a compact index in memory, for
 * one gateway node: a write is one record and waits for its {@code fdatasync}, which writes at the same
 * time share (the file store's files cost an open, a rename and two syncs each). Records: a message
 * saved (its state and content), a new state, content removed, a message deleted, a segment recorded
 * (with its receipt). Opening the store replays the log. A background task moves what is still live
 * out of old files whose space is mostly dead, and removes files that hold nothing live.
 *
 * <p>The index ({@link StoreIndex}) keeps, per message, where its records lie, in arrays of longs: about
 * 350 octets a message and no object the collector has to trace, so a 512 MiB heap holds more than a
 * million messages nobody has fetched yet. A state is read back from the log when it is needed (the latest ones
 * stay decoded in a small cache). Names follow the file store's rules ({@code [A-Za-z0-9_-]{1,128}}:
 * writes refuse others, lookups find nothing), so both stores answer the same.
 */
public final class LogMessageStore implements MessageStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogMessageStore.class);
    private static final byte SAVE = 1;
    private static final byte STATE = 2;
    private static final byte NO_CONTENT = 3;
    private static final byte DELETE = 4;
    private static final byte SEGMENT = 5;
    private static final int LOCK_STRIPES = 64;
    /** A file whose live records fill less than this share of it is compacted. */
    private static final double COMPACT_BELOW = 0.5;

    /** Set while the calling thread runs {@link #withoutWaiting}. */
    private static final ThreadLocal<Boolean> NOT_WAITING = new ThreadLocal<>();

    private final RecordLog log;
    private final StoreIndex index;
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
        this(directory, maxFileSize, compactEvery, seeded(new SecureRandom().nextLong()), 1 << 14);
    }

    /**
     * @param fingerprint names to the index's keys (tests give one that makes every name collide)
     * @param cached      how many decoded states the index keeps (a power of two)
     */
    LogMessageStore(Path directory, long maxFileSize, long compactEvery, ToLongFunction<String> fingerprint,
            int cached) {
        Objects.requireNonNull(directory, "directory");
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
        log = new RecordLog(directory.resolve("log"), maxFileSize);
        index = new StoreIndex(log, fingerprint, cached);
        try {
            log.replay(this::apply);
            // segments read before their message
            index.opened();
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

    /** A 64-bit hash of a name, keyed per store (the index is built anew at every start). */
    static ToLongFunction<String> seeded(long seed) {
        return s -> {
            long h = seed;
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * 0x100000001B3L;
            }
            h ^= h >>> 33;
            h *= 0xFF51AFD7ED558CCDL;
            h ^= h >>> 33;
            h *= 0xC4CEB9FE1A85EC53L;
            return h ^ (h >>> 33);
        };
    }

    // ------------------------------------------------------------------ replay: the one place records take effect

    private void apply(RecordLog.Record r) {
        apply(r, null);
    }

    /**
     * @param known for a save or state written here (not replayed): the message the record encodes, taken
     *              as it is instead of decoded again
     */
    private void apply(RecordLog.Record r, StoredMessage known) {
        switch (r.type()) {
            case SAVE -> index.publish(stateOf(r, known), r.locations().get(1),
                    r.fields().size() > 2 ? r.locations().get(2) : null, true);
            // a state whose message is not known: its save record was compacted away after the content
            // went (a finished message), so the state alone makes the message again
            case STATE -> index.publish(stateOf(r, known), r.locations().get(1), null, false);
            case NO_CONTENT -> index.removeContent(r.text(0));
            case DELETE -> index.remove(r.text(0));
            case SEGMENT -> index.putSegment(r.text(0), r.text(1), RecordLog.wholeRecord(r.locations()));
            default -> throw new IllegalStateException("unknown record type " + r.type());
        }
    }

    private static StoredMessage stateOf(RecordLog.Record r, StoredMessage known) {
        return known != null ? known : StoreIndex.decodeState(r.fields().get(1), r.text(0));
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

    /** Writes several records at once, then lets them take effect in order (as {@link #write}). */
    private void writeAll(List<RecordLog.Entry> entries, List<StoredMessage> known) {
        if (entries.isEmpty()) {
            return;
        }
        List<List<RecordLog.Location>> at = log.appendAllWithoutWaiting(entries);
        if (!Boolean.TRUE.equals(NOT_WAITING.get())) {
            log.syncOwn();
        }
        for (int i = 0; i < entries.size(); i++) {
            apply(new RecordLog.Record(entries.get(i).type(), List.of(entries.get(i).fields()), at.get(i)),
                    known.get(i));
        }
    }

    /**
     * Writes the copy of a record that stays where it is until the copy is synced (compaction): it takes
     * effect at once, and {@link #compact} syncs before any old file goes.
     */
    private void copy(byte type, StoredMessage known, byte[]... fields) {
        apply(new RecordLog.Record(type, List.of(fields), log.appendWithoutWaiting(type, fields)), known);
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
            if (index.message(id) != null) {
                return false;
            }
            for (String token : own) {
                String owner = index.tokenOwner(token);
                if (owner != null && !owner.equals(id)) {
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
        log.syncOwn();
    }

    /** How many times the store's log was forced to disk. */
    long forces() {
        return log.forces();
    }

    @Override
    public Optional<StoredMessage> find(String messageId) {
        return isName(messageId) ? Optional.ofNullable(index.message(messageId)) : Optional.empty();
    }

    @Override
    public Optional<byte[]> content(String messageId) {
        if (!isName(messageId)) {
            return Optional.empty();
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            RecordLog.Location at = index.content(messageId);
            if (at == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(log.read(at));
            } catch (ClosedChannelException moved) {
                // compaction moved it meanwhile: read it where it is now
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> messageIdForToken(String token) {
        return isName(token) ? Optional.ofNullable(index.tokenOwner(token)) : Optional.empty();
    }

    @Override
    public Optional<StoredMessage> updateRecipient(String messageId, String address, RecipientState state) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        String id = requireName(messageId, "message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            StoredMessage now = index.message(id);
            if (now == null) {
                return Optional.empty();
            }
            Optional<StoredMessage> updated = now.moved(address, state);
            if (updated.isEmpty()) {
                return Optional.of(now);
            }
            write(STATE, updated.get(), utf8(id), StoredMessageProperties.encode(updated.get()));
            return updated;
        } finally {
            lock.unlock();
        }
    }

    /** The segment records and the new state in one write. */
    @Override
    public Optional<StoredMessage> recordSent(String messageId, String address, List<String> smscMessageIds,
            RecipientState state) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Set<String> smscIds = new LinkedHashSet<>();
        for (String smscId : smscMessageIds) {
            smscIds.add(requireName(smscId, "SMSC message id"));
        }
        if (!smscIds.isEmpty()) {
            StoreNames.requireSegmentAddress(address);
        }
        String id = requireName(messageId, "message id");
        StoredMessage result;
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            StoredMessage now = index.message(id);
            if (now == null) {
                return Optional.empty();
            }
            List<RecordLog.Entry> entries = new ArrayList<>(smscIds.size() + 1);
            List<StoredMessage> known = new ArrayList<>(smscIds.size() + 1);
            boolean recipient = now.recipient(address).isPresent();
            for (String smscId : recipient ? smscIds : Set.<String>of()) {
                if (!recorded(smscId, id, address)) {
                    entries.add(new RecordLog.Entry(SEGMENT, utf8(smscId), utf8(id), utf8(address), new byte[0]));
                    known.add(null);
                }
            }
            Optional<StoredMessage> updated = now.moved(address, state);
            if (updated.isPresent()) {
                entries.add(new RecordLog.Entry(STATE, utf8(id), StoredMessageProperties.encode(updated.get())));
                known.add(updated.get());
            }
            writeAll(entries, known);
            result = updated.orElse(now);
        } finally {
            lock.unlock();
        }
        if (result.isDone()) {
            removeContent(result.messageId());
        }
        return Optional.of(result);
    }

    /**
     * Whether the SMSC message id is recorded for this message and recipient already: it then stays as
     * it is, stray or not, with its receipt.
     */
    private boolean recorded(String smscId, String messageId, String address) {
        SegmentRef existing = index.segment(smscId);
        return existing != null && existing.messageId().equals(messageId) && existing.address().equals(address);
    }

    @Override
    public void recordSegment(String messageId, String address, String smscMessageId) {
        recordSegment(messageId, address, smscMessageId, false);
    }

    @Override
    public void recordStraySegment(String messageId, String address, String smscMessageId) {
        recordSegment(messageId, address, smscMessageId, true);
    }

    private void recordSegment(String messageId, String address, String smscMessageId, boolean stray) {
        Objects.requireNonNull(address, "address");
        StoreNames.requireSegmentAddress(address);
        String id = requireName(messageId, "message id");
        String smscId = requireName(smscMessageId, "SMSC message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            StoredMessage message = index.message(id);
            if (message == null || message.recipient(address).isEmpty()) {
                return;
            }
            if (recorded(smscId, id, address)) {
                return;
            }
            write(SEGMENT, utf8(smscId), utf8(id), utf8(address),
                    utf8(new SegmentRef(id, address, "", stray).receiptField()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<SegmentRef> findSegment(String smscMessageId) {
        return isName(smscMessageId) ? Optional.ofNullable(index.segment(smscMessageId)) : Optional.empty();
    }

    @Override
    public Optional<SegmentRef> recordReceipt(String smscMessageId, String status) {
        if (!isName(smscMessageId)) {
            return Optional.empty();
        }
        StoreNames.requireReceipt(status);
        SegmentRef s = index.segment(smscMessageId);
        if (s == null) {
            return Optional.empty();
        }
        ReentrantLock lock = lockFor(s.messageId());
        lock.lock();
        try {
            SegmentRef now = index.segment(smscMessageId);
            if (now == null || now.receipt().equals(status)) {
                return Optional.ofNullable(now);
            }
            write(SEGMENT, utf8(smscMessageId), utf8(now.messageId()), utf8(now.address()),
                    utf8(now.withReceipt(status).receiptField()));
            return findSegment(smscMessageId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SegmentRef> segments(String messageId, String address) {
        return isName(messageId) ? index.segments(messageId, address) : List.of();
    }

    /** {@inheritDoc} Earliest expiry first. */
    @Override
    public List<String> expiredBefore(Instant now) {
        Objects.requireNonNull(now, "now");
        List<StoredMessage> expired = index.expiredBefore(now);
        return expired.stream().sorted(Comparator.comparing(StoredMessage::expiry)
                .thenComparing(StoredMessage::messageId)).map(StoredMessage::messageId).toList();
    }

    @Override
    public void removeContent(String messageId) {
        String id = requireName(messageId, "message id");
        ReentrantLock lock = lockFor(id);
        lock.lock();
        try {
            if (index.content(id) != null) {
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
            if (index.message(id) != null) {
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

    /** The file the log appends to now (for tests that arrange records in files). */
    long headFile() {
        return log.head();
    }

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
        Map<Long, Long> live = index.liveOctets();
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

    private void moveOut(long file) throws ClosedChannelException {
        for (String id : index.messagesIn(file)) {
            ReentrantLock lock = lockFor(id);
            lock.lock();
            try {
                StoreIndex.Placed placed = index.placed(id);
                if (placed != null && placed.in(file)) {
                    byte[] state = StoredMessageProperties.encode(placed.message());
                    if (placed.content() != null) {
                        copy(SAVE, placed.message(), utf8(id), state, log.read(placed.content()));
                    } else {
                        copy(STATE, placed.message(), utf8(id), state);
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        for (StoreIndex.PlacedSegment s : index.segmentsIn(file)) {
            ReentrantLock lock = lockFor(s.ref().messageId());
            lock.lock();
            try {
                String smscId = s.smscId();
                StoreIndex.PlacedSegment now = index.placedSegment(smscId);
                if (now != null && now.at().file() == file) {
                    SegmentRef ref = now.ref();
                    copy(SEGMENT, null, utf8(smscId), utf8(ref.messageId()), utf8(ref.address()),
                            utf8(ref.receiptField()));
                }
            } finally {
                lock.unlock();
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
