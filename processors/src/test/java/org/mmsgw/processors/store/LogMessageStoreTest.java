package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract, and what is particular to the log store: torn writes, damage, compaction, group commit. */
class LogMessageStoreTest extends MessageStoreContract {
    /** Small files, so that the tests roll and compact them. */
    static final long FILE_SIZE = 4096;

    @Override
    MessageStore open(Path root) {
        return new LogMessageStore(root, FILE_SIZE, 0);
    }

    @Override
    void close(MessageStore s) {
        try {
            ((LogMessageStore) s).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void closeStore() {
        close(store);
    }

    @Test
    void aSyncWaitsForTheCallingThreadsWritesOnly() throws Exception {
        LogMessageStore log = (LogMessageStore) store;
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.save(message("m2", EXPIRY, "tok2"), CONTENT);
        long forces = log.forces();
        store.sync();
        assertEquals(forces, log.forces(), "this thread's writes were on disk already");
        store.withoutWaiting(() -> store.recordSegment("m1", PHONE, "smsc-1"));
        store.sync();
        assertEquals(forces + 1, log.forces(), "this thread's write made it force once");

        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            store.withoutWaiting(() -> store.recordSegment("m2", PHONE, "smsc-2"));
            written.countDown();
            try {
                checked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            store.sync();
        });
        other.start();
        written.await();
        store.sync();
        assertEquals(forces + 1, log.forces(), "another thread's later write is not this thread's to sync");
        checked.countDown();
        other.join();
        assertEquals(forces + 2, log.forces(), "the writing thread's own sync forces it");
        close(store);
        store = open(root);
        assertEquals("m2", store.findSegment("smsc-2").orElseThrow().messageId());
    }

    @Test
    void writesWithoutWaitingTakeEffectAtOnceAndAreOnDiskAfterOneSync() throws IOException {
        LogMessageStore log = (LogMessageStore) store;
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        long forces = log.forces();
        store.withoutWaiting(() -> {
            store.recordSegment("m1", PHONE, "smsc-1");
            store.recordSegment("m1", PHONE, "smsc-2");
            store.finishRecipient("m1", PHONE, RecipientState.NOTIFIED);
        });
        assertEquals(forces, log.forces(), "no write waited for the disk");
        assertEquals(RecipientState.NOTIFIED, store.find("m1").orElseThrow().recipient(PHONE).orElseThrow().state());
        assertEquals("m1", store.findSegment("smsc-2").orElseThrow().messageId());
        store.sync();
        assertEquals(forces + 1, log.forces(), "one sync for all of them");
        store.sync();
        assertEquals(forces + 1, log.forces(), "nothing left to sync");

        // the thread waits again afterwards, also after writes that failed
        assertThrows(IllegalStateException.class, () -> store.withoutWaiting(() -> {
            throw new IllegalStateException("a failing step");
        }));
        store.updateRecipient("m1", PHONE, RecipientState.RETRIEVED);
        assertEquals(forces + 2, log.forces(), "a write outside waits for its own sync");

        close(store);
        store = open(root);
        assertEquals(RecipientState.RETRIEVED, store.find("m1").orElseThrow().recipient(PHONE).orElseThrow().state());
        assertEquals(2, store.segments("m1", PHONE).size());
    }

    @Test
    void aTornLastRecordIsCutOffAndTheRestIsThere() throws IOException {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.updateRecipient("m1", PHONE, RecipientState.NOTIFIED);
        close(store);
        Path last = logFiles().get(logFiles().size() - 1);
        long good = Files.size(last);
        // a crash in the middle of writing the next record: its header and part of its body
        Files.write(last, new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 2, 0, 0}, StandardOpenOption.APPEND);

        store = open(root);

        assertEquals(RecipientState.NOTIFIED, store.find("m1").orElseThrow().recipient(PHONE).orElseThrow().state());
        assertEquals(good, Files.size(last), "the torn record is cut off");
        store.updateRecipient("m1", PHONE, RecipientState.RETRIEVED);
        close(store);
        store = open(root);
        assertEquals(RecipientState.RETRIEVED, store.find("m1").orElseThrow().recipient(PHONE).orElseThrow().state());
    }

    @Test
    void aDamagedRecordInAnOlderFileStopsTheOpen() throws IOException {
        for (int i = 0; i < 40; i++) {
            store.save(message("m" + i, EXPIRY, "tok" + i), new byte[200]);
        }
        close(store);
        List<Path> files = logFiles();
        assertTrue(files.size() > 2, "several files: " + files);
        byte[] first = Files.readAllBytes(files.get(0));
        first[20] ^= 0x55;
        Files.write(files.get(0), first);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> open(root));
        assertTrue(e.getMessage().contains("cannot open the message store"), e.getMessage());
        // the damaged copy is put back so the @AfterEach close has a store to close
        first[20] ^= 0x55;
        Files.write(files.get(0), first);
        store = open(root);
    }

    @Test
    void compactionMovesWhatIsLiveAndRemovesDeadFiles() throws IOException {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = "m" + i;
            store.save(message(id, EXPIRY, "tok" + i), new byte[300]);
            store.recordSegment(id, PHONE, "s" + i);
            if (i % 10 == 0) {
                kept.add(id);
            } else {
                store.delete(id);
            }
        }
        int before = logFiles().size();
        LogMessageStore log = (LogMessageStore) store;

        log.compact();
        log.compact();

        int after = logFiles().size();
        assertTrue(after < before, "files " + before + " -> " + after);
        close(store);
        store = open(root);
        for (String id : kept) {
            assertEquals(Optional.of(message(id, EXPIRY, "tok" + id.substring(1))), store.find(id));
            assertArrayEquals(new byte[300], store.content(id).orElseThrow(), id);
            assertEquals(Optional.of(new SegmentRef(id, PHONE)), store.findSegment("s" + id.substring(1)));
        }
        assertEquals(kept.size(), store.expiredBefore(java.time.Instant.MAX).size());
    }

    @Test
    void manyWritersAtOnceAllLandAndShareTheirSyncs() throws Exception {
        close(store);
        store = new LogMessageStore(root, 1 << 20, 0);
        int writers = 32;
        int each = 20;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String id = "w" + writer + "-" + i;
                        store.save(message(id, EXPIRY, "t" + writer + "-" + i), CONTENT);
                        store.updateRecipient(id, PHONE, RecipientState.NOTIFIED);
                    }
                    return null;
                }));
            }
            for (Future<?> r : results) {
                r.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        close(store);
        store = open(root);
        assertEquals(writers * each, store.expiredBefore(java.time.Instant.MAX).size());
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < each; i++) {
                assertEquals(RecipientState.NOTIFIED, store.find("w" + w + "-" + i).orElseThrow().recipient(PHONE)
                        .orElseThrow().state());
            }
        }
    }

    @Test
    void receiptsAreKeptOnTheirSegment() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.recordSegment("m1", PHONE, "s1");
        store.recordSegment("m1", PHONE, "s2");

        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "DELIVRD")), store.recordReceipt("s1", "DELIVRD"));
        close(store);
        store = open(root);

        assertEquals(List.of(new SegmentRef("m1", PHONE, "DELIVRD"), new SegmentRef("m1", PHONE, "")),
                store.segments("m1", PHONE).stream().sorted((a, b) -> b.receipt().compareTo(a.receipt())).toList());
        assertEquals(Optional.empty(), store.recordReceipt("unknown", "DELIVRD"));
    }

    private List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("log"))) {
            return files.sorted().toList();
        }
    }
}
