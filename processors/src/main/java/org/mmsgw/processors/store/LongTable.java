package org.mmsgw.processors.store;

import java.util.Arrays;

/**
 * An open-addressing hash table of rows of longs in one array: a key (a fingerprint) and a fixed number
 * of values per row, no object per row (so the collector has nothing to trace). Keys may repeat: a
 * lookup walks every row of a key ({@link #first}, {@link #next}), and the caller tells rows apart by
 * their values, since two different names can share a fingerprint. Not thread-safe: the caller locks.
 */
final class LongTable {
    private static final long EMPTY = 0;
    private static final long REMOVED = 1;
    private static final int MIN_CAPACITY = 64;

    private final int stride;
    private long[] rows;
    private int mask;
    private int live;
    private int used;

    /** @param values longs per row besides the key */
    LongTable(int values) {
        this.stride = values + 1;
        allocate(MIN_CAPACITY);
    }

    /** A fingerprint never 0 or 1 (the markers of free rows). */
    static long key(long hash) {
        return hash == EMPTY || hash == REMOVED ? hash + 2 : hash;
    }

    int size() {
        return live;
    }

    /** The first row of {@code key}, or -1. */
    int first(long key) {
        return walk(key, slot(key));
    }

    /** The next row of {@code key} after {@code row}, or -1. */
    int next(long key, int row) {
        return walk(key, (row + 1) & mask);
    }

    private int walk(long key, int from) {
        for (int s = from, probes = 0; probes <= mask; s = (s + 1) & mask, probes++) {
            long k = rows[s * stride];
            if (k == EMPTY) {
                return -1;
            }
            if (k == key) {
                return s;
            }
        }
        return -1;
    }

    /** Adds a row for {@code key} (other rows of the key stay) and returns it, its values 0. */
    int add(long key) {
        if (key == EMPTY || key == REMOVED) {
            throw new IllegalArgumentException("not a key: " + key);
        }
        if ((used + 1) * 4L > (mask + 1) * 3L) {
            // three quarters used: double, or only sweep out removed rows when those are most of it
            rehash(live * 2L >= (mask + 1) ? (mask + 1) * 2 : mask + 1);
        }
        int s = slot(key);
        while (rows[s * stride] != EMPTY && rows[s * stride] != REMOVED) {
            s = (s + 1) & mask;
        }
        if (rows[s * stride] == EMPTY) {
            used++;
        }
        live++;
        rows[s * stride] = key;
        Arrays.fill(rows, s * stride + 1, s * stride + stride, 0L);
        return s;
    }

    void remove(int row) {
        rows[row * stride] = REMOVED;
        live--;
    }

    long get(int row, int value) {
        return rows[row * stride + 1 + value];
    }

    void set(int row, int value, long v) {
        rows[row * stride + 1 + value] = v;
    }

    long keyAt(int row) {
        return rows[row * stride];
    }

    /** Rows in use are those below this for which {@link #isRow} holds; for a full scan. */
    int capacity() {
        return mask + 1;
    }

    boolean isRow(int row) {
        long k = rows[row * stride];
        return k != EMPTY && k != REMOVED;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void allocate(int capacity) {
        if ((long) capacity * stride > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("index of the message store is full (" + live + " rows)");
        }
        rows = new long[capacity * stride];
        mask = capacity - 1;
        live = 0;
        used = 0;
    }

    private void rehash(int capacity) {
        long[] old = rows;
        allocate(Math.max(MIN_CAPACITY, capacity));
        for (int at = 0; at < old.length; at += stride) {
            long k = old[at];
            if (k != EMPTY && k != REMOVED) {
                int s = slot(k);
                while (rows[s * stride] != EMPTY) {
                    s = (s + 1) & mask;
                }
                System.arraycopy(old, at, rows, s * stride, stride);
                used++;
                live++;
            }
        }
    }
}
