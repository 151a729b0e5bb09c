package org.mmsgw.processors.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.ToLongFunction;

/**
 * The index of a {@link LogMessageStore}: for every message, token and segment, where its latest record
 * lies in the log, in {@link LongTable}s keyed by 64-bit fingerprints of the names. The names themselves
 * are in the records: a lookup reads the record a fingerprint leads to and compares (two names may share
 * a fingerprint), so nothing of a message but a few longs stays in memory. The states written or read
 * last stay decoded in a small cache, which spares the hot path (a message saved, pushed and marked
 * within the same second) any read. One lock guards it all; callers never hold it while writing, and
 * scans over every message (expiry, compaction) read the states they pick after releasing it.
 */
final class StoreIndex {
    // messages: where its state and its content lie, their lengths, its expiry
    private static final int STATE = 0;
    private static final int LENGTHS = 1;
    private static final int CONTENT = 2;
    private static final int EXPIRY_SECONDS = 3;
    private static final int EXPIRY_NANOS = 4;
    // tokens, and each message's segments: the fingerprint of the message
    private static final int MESSAGE = 0;
    // segments: where the whole record lies, its length, the fingerprint of its message, when it was
    // first recorded for that message
    private static final int AT = 0;
    private static final int LENGTH = 1;
    private static final int OF = 2;
    private static final int ORDER = 3;
    // a message's segments (keyed by the message): the fingerprint of the segment
    private static final int SEGMENT = 0;

    /** A message's state and where its records lie. */
    record Placed(StoredMessage message, RecordLog.Location state, RecordLog.Location content) {
        boolean in(long file) {
            return state.file() == file || content != null && content.file() == file;
        }
    }

    /** A segment and where its record lies. */
    record PlacedSegment(String smscId, SegmentRef ref, RecordLog.Location at) {
    }

    /** A decoded state and the record it came from. */
    private record Cached(long at, StoredMessage message) {
    }

    private final RecordLog log;
    private final ToLongFunction<String> hash;
    private final LongTable messages = new LongTable(5);
    private final LongTable tokens = new LongTable(1);
    private final LongTable segments = new LongTable(4);
    private final LongTable messageSegments = new LongTable(1);
    /**
     * While the log is read on opening: segment records read before their message was known (compaction
     * moves a message out of an old file to the head, past newer files that hold its segments), keyed by
     * the SMSC id, the newest of each id only (AT, LENGTH, OF as in {@link #segments}); null once open.
     */
    private LongTable orphans = new LongTable(3);
    private long recorded;
    private final Cached[] cache;

    StoreIndex(RecordLog log, ToLongFunction<String> hash, int cached) {
        if (Integer.bitCount(cached) != 1) {
            throw new IllegalArgumentException("cache size " + cached + " is not a power of two");
        }
        this.log = log;
        this.hash = hash;
        this.cache = new Cached[cached];
    }

    static StoredMessage decodeState(byte[] state, String id) {
        try {
            return StoredMessageProperties.decode(state, "log record of message " + id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long key(String name) {
        return LongTable.key(hash.applyAsLong(name));
    }

    // ------------------------------------------------------------------ reads

    synchronized StoredMessage message(String id) {
        int row = messageRow(id, key(id));
        return row < 0 ? null : stateAt(row);
    }

    synchronized RecordLog.Location content(String id) {
        int row = messageRow(id, key(id));
        return row < 0 ? null : contentAt(row);
    }

    synchronized Placed placed(String id) {
        int row = messageRow(id, key(id));
        return row < 0 ? null : new Placed(stateAt(row), stateLocation(row), contentAt(row));
    }

    /** The id of the message a retrieval token belongs to, or null. */
    synchronized String tokenOwner(String token) {
        long k = key(token);
        for (int t = tokens.first(k); t >= 0; t = tokens.next(k, t)) {
            long m = tokens.get(t, MESSAGE);
            for (int row = messages.first(m); row >= 0; row = messages.next(m, row)) {
                StoredMessage message = stateAt(row);
                if (message.recipientByToken(token).isPresent()) {
                    return message.messageId();
                }
            }
        }
        return null;
    }

    synchronized SegmentRef segment(String smscId) {
        PlacedSegment s = placedSegment(smscId);
        return s == null ? null : s.ref();
    }

    synchronized PlacedSegment placedSegment(String smscId) {
        long k = key(smscId);
        for (int row = segments.first(k); row >= 0; row = segments.next(k, row)) {
            PlacedSegment s = segmentAt(row);
            if (s.smscId().equals(smscId)) {
                return s;
            }
        }
        return null;
    }

    /** The segments of one recipient of a message, in the order they were first recorded. */
    synchronized List<SegmentRef> segments(String id, String address) {
        long m = key(id);
        List<long[]> found = new ArrayList<>();
        for (int x = messageSegments.first(m); x >= 0; x = messageSegments.next(m, x)) {
            long s = messageSegments.get(x, SEGMENT);
            for (int row = segments.first(s); row >= 0; row = segments.next(s, row)) {
                if (segments.get(row, OF) == m) {
                    found.add(new long[] {segments.get(row, ORDER), row});
                }
            }
        }
        found.sort((a, b) -> Long.compare(a[0], b[0]));
        List<SegmentRef> out = new ArrayList<>();
        for (long[] f : found) {
            SegmentRef ref = segmentAt((int) f[1]).ref();
            if (ref.messageId().equals(id) && ref.address().equals(address)) {
                out.add(ref);
            }
        }
        return out;
    }

    /** The messages whose expiry is before {@code now}; their states are read without holding the lock. */
    List<StoredMessage> expiredBefore(Instant now) {
        long seconds = now.getEpochSecond();
        int nanos = now.getNano();
        return statesOf(row -> {
            long s = messages.get(row, EXPIRY_SECONDS);
            return s < seconds || s == seconds && messages.get(row, EXPIRY_NANOS) < nanos;
        });
    }

    /**
     * The states of the messages whose rows pass {@code test} (taken under the lock), read after the lock is
     * released: a scan that reads many states does not stop every other lookup meanwhile. Taken again
     * when compaction moved one of them in between.
     */
    private List<StoredMessage> statesOf(IntPredicate test) {
        for (int attempt = 0; ; attempt++) {
            List<RecordLog.Location> at = new ArrayList<>();
            synchronized (this) {
                for (int row = 0; row < messages.capacity(); row++) {
                    if (messages.isRow(row) && test.test(row)) {
                        at.add(stateLocation(row));
                    }
                }
            }
            try {
                List<StoredMessage> out = new ArrayList<>(at.size());
                for (RecordLog.Location l : at) {
                    out.add(decodeState(log.read(l), "at " + l));
                }
                return out;
            } catch (ClosedChannelException moved) {
                if (attempt == 2) {
                    throw new UncheckedIOException("the message log kept moving records away", moved);
                }
            }
        }
    }

    /** Octets of live records per log file. */
    synchronized Map<Long, Long> liveOctets() {
        Map<Long, Long> live = new HashMap<>();
        for (int row = 0; row < messages.capacity(); row++) {
            if (messages.isRow(row)) {
                count(live, stateLocation(row));
                count(live, contentAt(row));
            }
        }
        for (int row = 0; row < segments.capacity(); row++) {
            if (segments.isRow(row)) {
                count(live, unpack(segments.get(row, AT), (int) segments.get(row, LENGTH)));
            }
        }
        return live;
    }

    private static void count(Map<Long, Long> live, RecordLog.Location at) {
        if (at != null) {
            live.merge(at.file(), (long) at.length(), Long::sum);
        }
    }

    /** Ids of the messages with a record in a file (for compaction, which alone removes files). */
    List<String> messagesIn(long file) {
        return statesOf(row -> fileOf(messages.get(row, STATE)) == file || fileOf(messages.get(row, CONTENT)) == file)
                .stream().map(StoredMessage::messageId).toList();
    }

    /** The segments with their record in a file (for compaction), read without holding the lock. */
    List<PlacedSegment> segmentsIn(long file) {
        List<RecordLog.Location> at = new ArrayList<>();
        synchronized (this) {
            for (int row = 0; row < segments.capacity(); row++) {
                if (segments.isRow(row) && fileOf(segments.get(row, AT)) == file) {
                    at.add(unpack(segments.get(row, AT), (int) segments.get(row, LENGTH)));
                }
            }
        }
        List<PlacedSegment> out = new ArrayList<>(at.size());
        for (RecordLog.Location l : at) {
            out.add(segmentRecord(l));
        }
        return out;
    }

    // ------------------------------------------------------------------ changes (records taking effect)

    /** A message's new state (and content, for a save). */
    synchronized void publish(StoredMessage message, RecordLog.Location state, RecordLog.Location content,
            boolean withContent) {
        String id = message.messageId();
        long m = key(id);
        int row = messageRow(id, m);
        if (row < 0) {
            row = messages.add(m);
            withContent = true;
        }
        messages.set(row, STATE, pack(state));
        int contentLength = withContent ? content == null ? 0 : content.length()
                : (int) messages.get(row, LENGTHS);
        if (withContent) {
            messages.set(row, CONTENT, content == null ? 0 : pack(content));
        }
        messages.set(row, LENGTHS, (long) state.length() << 32 | contentLength);
        messages.set(row, EXPIRY_SECONDS, message.expiry().getEpochSecond());
        messages.set(row, EXPIRY_NANOS, message.expiry().getNano());
        cache[slot(m)] = new Cached(pack(state), message);
        for (Recipient r : message.recipients()) {
            if (!r.token().isEmpty()) {
                long t = key(r.token());
                if (!has(tokens, t, MESSAGE, m)) {
                    tokens.set(tokens.add(t), MESSAGE, m);
                }
            }
        }
    }

    synchronized void removeContent(String id) {
        int row = messageRow(id, key(id));
        if (row >= 0) {
            messages.set(row, CONTENT, 0);
            messages.set(row, LENGTHS, messages.get(row, LENGTHS) & 0xFFFFFFFF00000000L);
        }
    }

    /** A message deleted: its row, its tokens' and its segments' rows go. */
    synchronized void remove(String id) {
        long m = key(id);
        int row = messageRow(id, m);
        if (row < 0) {
            return;
        }
        StoredMessage message = stateAt(row);
        for (int x = messageSegments.first(m); x >= 0; x = messageSegments.next(m, x)) {
            long s = messageSegments.get(x, SEGMENT);
            for (int srow = segments.first(s); srow >= 0; srow = segments.next(s, srow)) {
                if (segments.get(srow, OF) == m && segmentAt(srow).ref().messageId().equals(id)) {
                    segments.remove(srow);
                }
            }
            if (!hasSegmentOf(s, m)) {
                messageSegments.remove(x);
            }
        }
        messages.remove(row);
        if (messages.first(m) < 0) {
            // no other message shares the fingerprint: the tokens' rows pointing at it are all its own
            for (Recipient r : message.recipients()) {
                long t = key(r.token());
                for (int trow = tokens.first(t); trow >= 0; trow = tokens.next(t, trow)) {
                    if (tokens.get(trow, MESSAGE) == m) {
                        tokens.remove(trow);
                    }
                }
            }
        }
        cache[slot(m)] = null;
    }

    /**
     * A segment recorded (or its receipt): it belongs to the message now, if the message is known.
     *
     * @return false when the message is not known (nothing recorded)
     */
    synchronized boolean putSegment(String smscId, String messageId, RecordLog.Location whole) {
        long m = key(messageId);
        long s = key(smscId);
        if (orphans != null) {
            // a newer record of the id than one read before its message: the older one is done with
            dropOrphan(smscId, s);
        }
        if (messageRow(messageId, m) < 0) {
            if (orphans != null) {
                int row = orphans.add(s);
                orphans.set(row, AT, pack(whole));
                orphans.set(row, LENGTH, whole.length());
                orphans.set(row, OF, m);
            }
            return false;
        }
        int row = -1;
        for (int r = segments.first(s); r >= 0 && row < 0; r = segments.next(s, r)) {
            if (segmentAt(r).smscId().equals(smscId)) {
                row = r;
            }
        }
        if (row < 0) {
            row = segments.add(s);
            segments.set(row, ORDER, ++recorded);
        } else if (!segmentAt(row).ref().messageId().equals(messageId)) {
            // the SMSC gave the id out again, to a segment of another message: it is the newest of that one
            long before = segments.get(row, OF);
            segments.set(row, ORDER, ++recorded);
            segments.set(row, OF, m);
            if (!hasSegmentOf(s, before)) {
                removeRow(messageSegments, before, SEGMENT, s);
            }
        }
        segments.set(row, AT, pack(whole));
        segments.set(row, LENGTH, whole.length());
        segments.set(row, OF, m);
        if (!has(messageSegments, m, SEGMENT, s)) {
            messageSegments.set(messageSegments.add(m), SEGMENT, s);
        }
        return true;
    }

    /**
     * The log has been read: the segments read before their message are recorded now, where the message
     * is known by now (the others belonged to messages deleted since). Only their records are read again.
     */
    synchronized void opened() {
        LongTable waiting = orphans;
        orphans = null;
        for (int row = 0; row < waiting.capacity(); row++) {
            if (waiting.isRow(row) && messages.first(waiting.get(row, OF)) >= 0) {
                PlacedSegment p = segmentRecord(unpack(waiting.get(row, AT), (int) waiting.get(row, LENGTH)));
                putSegment(p.smscId(), p.ref().messageId(), p.at());
            }
        }
    }

    private void dropOrphan(String smscId, long s) {
        for (int row = orphans.first(s); row >= 0; row = orphans.next(s, row)) {
            RecordLog.Location at = unpack(orphans.get(row, AT), (int) orphans.get(row, LENGTH));
            if (segmentRecord(at).smscId().equals(smscId)) {
                orphans.remove(row);
                return;
            }
        }
    }

    // ------------------------------------------------------------------ rows

    private int messageRow(String id, long m) {
        for (int row = messages.first(m); row >= 0; row = messages.next(m, row)) {
            if (stateAt(row).messageId().equals(id)) {
                return row;
            }
        }
        return -1;
    }

    /** The state a message row points at: from the cache when it holds that very record, else read. */
    private StoredMessage stateAt(int row) {
        long at = messages.get(row, STATE);
        int slot = slot(messages.keyAt(row));
        Cached c = cache[slot];
        if (c != null && c.at() == at) {
            return c.message();
        }
        StoredMessage m = decodeState(read(stateLocation(row)), "at " + stateLocation(row));
        cache[slot] = new Cached(at, m);
        return m;
    }

    private RecordLog.Location stateLocation(int row) {
        return unpack(messages.get(row, STATE), (int) (messages.get(row, LENGTHS) >>> 32));
    }

    private RecordLog.Location contentAt(int row) {
        long at = messages.get(row, CONTENT);
        return at == 0 ? null : unpack(at, (int) messages.get(row, LENGTHS));
    }

    private PlacedSegment segmentAt(int row) {
        return segmentRecord(unpack(segments.get(row, AT), (int) segments.get(row, LENGTH)));
    }

    private PlacedSegment segmentRecord(RecordLog.Location at) {
        RecordLog.Record r;
        try {
            r = log.readRecord(at);
        } catch (ClosedChannelException e) {
            throw new UncheckedIOException("the message log lost the file of a live segment", e);
        }
        String receipt = r.fields().get(3).length == 0 ? "" : r.text(3);
        return new PlacedSegment(r.text(0), SegmentRef.read(r.text(1), r.text(2), receipt), at);
    }

    private boolean hasSegmentOf(long s, long m) {
        for (int row = segments.first(s); row >= 0; row = segments.next(s, row)) {
            if (segments.get(row, OF) == m) {
                return true;
            }
        }
        return false;
    }

    private byte[] read(RecordLog.Location at) {
        try {
            return log.read(at);
        } catch (ClosedChannelException e) {
            // the index is changed before a file goes, under this lock: a live record's file is there
            throw new UncheckedIOException("the message log lost the file of a live record", e);
        }
    }

    private static boolean has(LongTable table, long key, int value, long v) {
        for (int row = table.first(key); row >= 0; row = table.next(key, row)) {
            if (table.get(row, value) == v) {
                return true;
            }
        }
        return false;
    }

    private static void removeRow(LongTable table, long key, int value, long v) {
        for (int row = table.first(key); row >= 0; row = table.next(key, row)) {
            if (table.get(row, value) == v) {
                table.remove(row);
                return;
            }
        }
    }

    private int slot(long key) {
        return (int) (key ^ (key >>> 32)) & (cache.length - 1);
    }

    // ------------------------------------------------------------------ locations in one long

    private static long pack(RecordLog.Location at) {
        if (at.file() <= 0 || at.file() >= 1L << 23 || at.position() < 0 || at.position() >= 1L << 40) {
            throw new IllegalStateException("log location out of the index's range: " + at);
        }
        return at.file() << 40 | at.position();
    }

    private static RecordLog.Location unpack(long packed, int length) {
        return new RecordLog.Location(packed >>> 40, packed & ((1L << 40) - 1), length);
    }

    private static long fileOf(long packed) {
        return packed == 0 ? -1 : packed >>> 40;
    }
}
