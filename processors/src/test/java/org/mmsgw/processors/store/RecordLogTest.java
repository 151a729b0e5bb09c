package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's records wait in memory and share their writes: one write per force, in order, readable at once. */
class RecordLogTest {
    private static final byte TYPE = 7;

    @TempDir
    Path dir;

    private RecordLog open(long maxFileSize) throws IOException {
        RecordLog log = new RecordLog(dir.resolve("log"), maxFileSize);
        log.replay(r -> { });
        return log;
    }

    /** Every record's first field, in write order, as a new log reads them back. */
    private List<String> replayed(long maxFileSize) throws IOException {
        List<String> got = new ArrayList<>();
        try (RecordLog log = new RecordLog(dir.resolve("log"), maxFileSize)) {
            log.replay(r -> got.add(r.text(0)));
        }
        return got;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void recordsAppendedWithoutWaitingGoInOneWriteBeforeTheirForce() throws IOException {
        List<String> sent = new ArrayList<>();
        try (RecordLog log = open(1 << 20)) {
            for (int i = 0; i < 20; i++) {
                sent.add("r" + i);
                log.appendWithoutWaiting(TYPE, utf8("r" + i), new byte[100]);
            }
            assertEquals(0, log.writes(), "nothing written before the sync");
            log.sync();
            assertEquals(1, log.writes(), "one write for all twenty");
            assertEquals(1, log.forces());
            log.append(TYPE, utf8("last"));
            sent.add("last");
            assertEquals(2, log.writes(), "a record that waits is written with its force");
        }
        assertEquals(sent, replayed(1 << 20));
    }

    @Test
    void aRecordStillInMemoryIsWrittenWhenItIsRead() throws IOException {
        try (RecordLog log = open(1 << 20)) {
            List<RecordLog.Location> at = log.appendWithoutWaiting(TYPE, utf8("a"), utf8("content of a"));
            assertArrayEquals(utf8("content of a"), log.read(at.get(1)));
            assertEquals(1, log.writes());
            assertEquals(TYPE, log.readRecord(RecordLog.wholeRecord(at)).type());
            assertEquals(1, log.writes(), "written once only");
        }
    }

    @Test
    void aRecordLargerThanTheBufferKeepsItsPlaceInTheOrder() throws IOException {
        byte[] large = new byte[300 * 1024];
        large[large.length - 1] = 42;
        List<RecordLog.Location> at;
        try (RecordLog log = open(16 << 20)) {
            log.appendWithoutWaiting(TYPE, utf8("before"));
            at = log.appendWithoutWaiting(TYPE, utf8("large"), large);
            log.appendWithoutWaiting(TYPE, utf8("after"));
            assertArrayEquals(large, log.read(at.get(1)));
            log.sync();
        }
        assertEquals(List.of("before", "large", "after"), replayed(16 << 20));
    }

    @Test
    void recordsSpreadOverNewFilesInOrder() throws IOException {
        List<String> sent = new ArrayList<>();
        try (RecordLog log = open(1024)) {
            for (int i = 0; i < 50; i++) {
                sent.add("r" + i);
                log.appendWithoutWaiting(TYPE, utf8("r" + i), new byte[100]);
            }
            log.sync();
            assertTrue(log.head() > 3, "several files: head " + log.head());
        }
        try (Stream<Path> files = Files.list(dir.resolve("log"))) {
            assertTrue(files.allMatch(f -> f.toFile().length() <= 1024), "no file beyond its size");
        }
        assertEquals(sent, replayed(1024));
    }

    @Test
    void anInterruptedSyncerStillWritesTheOthersRecords() throws Exception {
        try (RecordLog log = open(1 << 20)) {
            log.appendWithoutWaiting(TYPE, utf8("mine"));
            Thread other = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    log.append(TYPE, utf8("interrupted"));
                } catch (RuntimeException expected) {
                    // its own force may fail: the interrupt closed the channel
                }
            });
            other.start();
            other.join();
            log.sync();
            assertTrue(log.isWritable());
        }
        assertEquals(List.of("mine", "interrupted"), replayed(1 << 20));
    }
}
