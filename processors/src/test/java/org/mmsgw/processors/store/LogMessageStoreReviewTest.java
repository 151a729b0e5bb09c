package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Review of the log store: {@code bug_...} methods show defects (they fail until fixed), the others pin
 * down tricky behaviour that is correct.
 */
class LogMessageStoreReviewTest {
    private static final long FILE_SIZE = 4096;
    private static final Instant EXPIRY = MessageStoreContract.EXPIRY;
    private static final String PHONE = MessageStoreContract.PHONE;
    private static final String MAIL = MessageStoreContract.MAIL;

    @TempDir
    Path root;

    private final List<LogMessageStore> opened = new ArrayList<>();

    private LogMessageStore open(long fileSize) {
        LogMessageStore s = new LogMessageStore(root, fileSize, 0);
        opened.add(s);
        return s;
    }

    private LogMessageStore reopen(LogMessageStore s, long fileSize) throws IOException {
        s.close();
        return open(fileSize);
    }

    @AfterEach
    void closeAll() throws IOException {
        for (LogMessageStore s : opened) {
            s.close();
        }
    }

    private static StoredMessage message(String id, String token) {
        return MessageStoreContract.message(id, EXPIRY, token);
    }

    private List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("log"))) {
            return files.sorted().toList();
        }
    }

    // ------------------------------------------------------------------ compaction x replay

    /**
     * A finished message: STATE (final) and NO_CONTENT follow its SAVE. Nothing in the SAVE's file is
     * live any more, so compaction removes it (or moveOut rewrites only a STATE). On replay a STATE
     * whose message has no SAVE before it is ignored: the message, its token and segments are gone,
     * though the contract keeps them until delete() (late reports and receipts).
     */
    @Test
    void finishedMessageVanishesAfterCompactionAndReopen() throws IOException {
        LogMessageStore store = open(FILE_SIZE);
        store.save(message("done", "tokDone"), new byte[3000]);
        store.recordSegment("done", PHONE, "smsc-1");
        store.finishRecipient("done", PHONE, RecipientState.RETRIEVED);
        store.finishRecipient("done", MAIL, RecipientState.FORWARDED);
        assertTrue(store.content("done").isEmpty());
        store.save(message("filler", "tokFiller"), new byte[3000]); // rolls the head past the SAVE's file
        StoredMessage before = store.find("done").orElseThrow();

        store.compact();
        store.compact();
        store = reopen(store, FILE_SIZE);

        assertEquals(Optional.of(before), store.find("done"), "a finished message stays until delete()");
        assertEquals(Optional.of("done"), store.messageIdForToken("tokDone"));
        assertEquals(Optional.of(new SegmentRef("done", PHONE)), store.findSegment("smsc-1"));
    }

    /**
     * The DELETE (and the final STATE) of a message lie in a file that holds nothing live, its SAVE in an
     * older file that other live records keep. Compaction drops the newer file, and the replay brings the
     * deleted message back in the state of its SAVE: a retrieved message is PENDING again and would be
     * notified / mailed a second time.
     */
    @Test
    void deletedMessageComesBackAfterCompaction() throws IOException {
        LogMessageStore store = open(FILE_SIZE);
        store.save(message("keep", "tokKeep"), new byte[2400]);
        store.save(message("gone", "tokGone"), new byte[700]);
        store.save(message("pad", "tokPad"), new byte[1]);
        // file 1 is nearly full: what follows goes to file 2
        store.updateRecipient("gone", PHONE, RecipientState.RETRIEVED);
        store.delete("gone");
        store.delete("pad");
        store.save(message("filler", "tokFiller"), new byte[3500]); // head moves on to file 3
        assertTrue(logFiles().size() >= 3, "layout: " + logFiles());

        store.compact();
        store.compact();
        assertEquals(Optional.empty(), store.find("gone"));
        store = reopen(store, FILE_SIZE);

        assertEquals(Optional.empty(), store.find("gone"),
                "a deleted message came back as " + store.find("gone").map(StoredMessage::recipients));
        assertEquals(Optional.empty(), store.messageIdForToken("tokGone"));
    }

    /**
     * Compaction counts what is live without any lock, after reading the head: files created during the
     * scan (and appends that are on disk but not yet applied to the index) count as dead, and once the
     * head has moved past them they are deleted with acknowledged messages in them.
     */
    @Test
    void compactionConcurrentWithWritersDeletesAcknowledgedMessages() throws Exception {
        LogMessageStore store = open(1024);
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> lost = new AtomicReference<>();
        AtomicInteger compactions = new AtomicInteger();
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    for (int i = 0; !stop.get() && i < 4000; i++) {
                        String id = "w" + writer + "-" + i;
                        boolean saved = store.save(message(id, "t" + writer + "-" + i), new byte[300]);
                        if (i % 3 == 0) {
                            // dead space, so that there is something to compact; never watched (the
                            // watcher's find and content would race with this delete)
                            store.delete(id);
                        } else if (saved) {
                            acked.add(id);
                        }
                    }
                    return null;
                }));
            }
            results.add(pool.submit(() -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
                while (!stop.get() && System.nanoTime() < end) {
                    try {
                        store.compact();
                        compactions.incrementAndGet();
                    } catch (IOException | RuntimeException e) {
                        // e.g. refused to delete the head; the next run tries again
                    }
                    for (String id : acked) {
                        if (store.find(id).isPresent() && store.content(id).isEmpty()) {
                            lost.compareAndSet(null, id);
                            stop.set(true);
                        }
                    }
                }
                stop.set(true);
                return null;
            }));
            for (Future<?> r : results) {
                r.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        LogMessageStore reopened = reopen(store, 1024);
        List<String> missing = acked.stream()
                .filter(id -> reopened.find(id).isEmpty() || reopened.content(id).isEmpty()).sorted().toList();
        assertEquals(null, lost.get(), "content of an acknowledged message unreadable");
        assertEquals(List.of(), missing.subList(0, Math.min(10, missing.size())),
                missing.size() + " acknowledged messages lost after " + compactions + " compactions");
    }

    /**
     * apply(SAVE) publishes a new Entry (computeIfAbsent) before it sets its message: find() and
     * expiredBefore() (housekeeping) running meanwhile hit a null message and throw.
     */
    @Test
    void readersSeeAHalfBuiltEntryWhileASaveIsApplied() throws Exception {
        LogMessageStore store = open(1 << 24);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger next = new AtomicInteger();
        int writers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                results.add(pool.submit(() -> {
                    while (!stop.get()) {
                        int i = next.getAndIncrement();
                        store.save(message("m" + i, "t" + i), new byte[10]);
                    }
                    return null;
                }));
            }
            results.add(pool.submit(() -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (failure.get() == null && System.nanoTime() < end) {
                    try {
                        store.expiredBefore(Instant.MAX);
                        int i = next.get();
                        for (int k = i - writers; k <= i; k++) {
                            store.find("m" + k);
                        }
                    } catch (RuntimeException e) {
                        failure.set(e);
                    }
                }
                stop.set(true);
                return null;
            }));
            for (Future<?> r : results) {
                r.get(60, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertEquals(null, failure.get(), "a reader failed while messages were saved");
    }

    // ------------------------------------------------------------------ interrupts

    /**
     * FileChannel is interruptible: a caller whose thread has its interrupt flag set (a cancelled
     * request, an executor shutting down) closes the head channel for everyone. Every later write fails
     * until a restart, and content() takes the ClosedChannelException for "moved by compaction" and
     * answers "no content": MailOutProcessor then skips the recipient, RetrieveProcessor answers 404.
     */
    @Test
    void oneInterruptedCallerBreaksTheStoreForEveryone() throws Exception {
        LogMessageStore store = open(FILE_SIZE);
        store.save(message("m1", "tok1"), new byte[] {1, 2, 3});
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                store.save(message("m2", "tok2"), new byte[] {4});
            } catch (RuntimeException expected) {
                // this caller may well fail
            }
        });
        t.start();
        t.join();

        assertArrayEquals(new byte[] {1, 2, 3}, store.content("m1").orElse(null), "content of a stored message");
        store.save(message("m3", "tok3"), new byte[] {5}); // another thread, not interrupted
        assertTrue(store.find("m3").isPresent());
    }

    // ------------------------------------------------------------------ resources

    /** A store that fails to open leaves every log file it opened open (file descriptors leak). */
    @Test
    void failedOpenLeavesLogFilesOpen() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
        LogMessageStore store = open(FILE_SIZE);
        for (int i = 0; i < 10; i++) {
            store.save(message("m" + i, "tok" + i), new byte[1000]);
        }
        store.close();
        opened.clear();
        List<Path> files = logFiles();
        assertTrue(files.size() > 2, "several files: " + files);
        byte[] first = Files.readAllBytes(files.get(0));
        first[20] ^= 0x55;
        Files.write(files.get(0), first);

        long before = openLogFiles();
        assertThrows(UncheckedIOException.class, () -> new LogMessageStore(root, FILE_SIZE, 0));
        assertEquals(before, openLogFiles(), "log files still open after a failed open");
    }

    private long openLogFiles() throws IOException {
        Path log = root.resolve("log").toRealPath();
        long n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).startsWith(log)) {
                        n++;
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ correct, pinned down

    /** A crash during a roll can leave the new file empty or with a torn first record: both open. */
    @Test
    void aCrashDuringARollLeavesAnEmptyOrTornNewFileThatOpens() throws IOException {
        LogMessageStore store = open(FILE_SIZE);
        store.save(message("m1", "tok1"), new byte[3000]);
        store.close();
        opened.clear();
        List<Path> files = logFiles();
        Path last = files.get(files.size() - 1);
        long n = Long.parseLong(last.getFileName().toString().replace(".log", ""));
        Path next = last.resolveSibling(String.format("%010d.log", n + 1));
        Files.createFile(next);

        store = open(FILE_SIZE);
        assertArrayEquals(new byte[3000], store.content("m1").orElseThrow());
        store.save(message("m2", "tok2"), new byte[10]);
        store.close();
        opened.clear();
        long good = Files.size(next);
        assertTrue(good > 0, "the empty file became the head");
        Path after = next.resolveSibling(String.format("%010d.log", n + 2));
        Files.write(after, new byte[] {0, 0, 1, 0, 9, 9}, StandardOpenOption.CREATE_NEW);

        store = open(FILE_SIZE);
        assertTrue(store.find("m1").isPresent());
        assertTrue(store.find("m2").isPresent());
        assertEquals(0, Files.size(after), "the torn first record is cut off");
    }

    /** A message moved out of a sparse file is found where it is now, before and after a reopen. */
    @Test
    void aMovedMessageIsReadWhereItIsNowAfterCompaction() throws IOException {
        LogMessageStore store = open(FILE_SIZE);
        store.save(message("live", "tokLive"), new byte[500]);
        for (int i = 0; i < 10; i++) {
            store.save(message("d" + i, "tokD" + i), new byte[700]);
            store.delete("d" + i);
        }
        store.compact(); // moves "live" out of file 1
        store.compact(); // removes file 1
        assertArrayEquals(new byte[500], store.content("live").orElseThrow());
        store = reopen(store, FILE_SIZE);
        assertArrayEquals(new byte[500], store.content("live").orElseThrow());
        assertEquals(Optional.of("live"), store.messageIdForToken("tokLive"));
    }
}
