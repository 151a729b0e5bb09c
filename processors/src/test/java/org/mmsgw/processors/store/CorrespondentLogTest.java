package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the correspondents' log: shared syncs, compaction, the earlier layout taken over. */
class CorrespondentLogTest {
    @TempDir
    Path root;

    private CorrespondentLog log;

    @AfterEach
    void close() throws Exception {
        if (log != null) {
            log.close();
        }
    }

    private CorrespondentLog reopen(long fileSize) throws Exception {
        if (log != null) {
            log.close();
        }
        log = new CorrespondentLog(root, fileSize);
        return log;
    }

    private List<Path> logFiles() throws Exception {
        try (Stream<Path> s = Files.list(root.resolve("correspondents-log"))) {
            return s.sorted().toList();
        }
    }

    @Test
    void manyThreadsRecordingAtOnceShareTheirSyncsAndAllLand() throws Exception {
        reopen(CorrespondentLog.FILE_SIZE);
        int threads = 16;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    log.record(String.format("+4917%02d%05d", thread, i), "user" + thread + "." + i + "@example.com");
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long forces = log.forces();
        assertTrue(forces < threads * each, "fewer syncs than records: " + forces);

        reopen(CorrespondentLog.FILE_SIZE);
        assertEquals(threads * each, log.size());
        assertEquals(Optional.of("user7.39@example.com"), log.of("+4917" + "07" + "00039"));
    }

    @Test
    void changingAddressesDoNotGrowTheLogWithoutBound() throws Exception {
        reopen(4096);
        // leading zeros are digits too: +00123456 and +123456 are different phones
        log.record("+00123456", "zeros@example.com");
        log.record("+123456", "plain@example.com");
        for (int i = 0; i < 2000; i++) {
            log.record("+491701234567", (i % 2 == 0 ? "alice" : "bob") + "@example.com");
        }
        log.record("+491709999999", "last@example.com");

        List<Path> files = logFiles();
        // 2,000 records of about 50 octets are 24 files of 4 KiB; what is live fits in one
        assertTrue(files.size() <= 3, "old files compacted and removed: " + files);
        reopen(4096);
        assertEquals(Optional.of("zeros@example.com"), log.of("+00123456"));
        assertEquals(Optional.of("plain@example.com"), log.of("+123456"));
        assertEquals(Optional.of("bob@example.com"), log.of("+491701234567"));
        assertEquals(Optional.of("last@example.com"), log.of("+491709999999"));
        assertEquals(4, log.size());
    }

    @Test
    void theEarlierLayoutIsTakenOverAndItsFilesGo() throws Exception {
        Path old = root.resolve("correspondents");
        Files.createDirectories(old);
        Files.writeString(old.resolve("491701234567"), "alice@example.com", StandardCharsets.UTF_8);
        Files.writeString(old.resolve("4917099999"), "j\u00F6rg@example.com", StandardCharsets.UTF_8);
        // a write the earlier layout had not finished: never visible there, not taken over
        Files.writeString(old.resolve(".491705555555.123.tmp"), "half", StandardCharsets.UTF_8);

        reopen(CorrespondentLog.FILE_SIZE);

        assertEquals(Optional.of("alice@example.com"), log.of("+491701234567"));
        assertEquals(Optional.of("j\u00F6rg@example.com"), log.of("+4917099999"));
        assertEquals(Optional.empty(), log.of("+491705555555"));
        assertFalse(Files.exists(old), "the earlier layout's files are gone");
        reopen(CorrespondentLog.FILE_SIZE);
        assertEquals(Optional.of("alice@example.com"), log.of("+491701234567"));
        assertEquals(2, log.size());
    }

    @Test
    void whatTheLogAlreadyHasIsNotOverwrittenByALeftOverOldFile() throws Exception {
        reopen(CorrespondentLog.FILE_SIZE);
        log.record("+491701234567", "new@example.com");
        log.close();
        log = null;
        // a crash while the takeover removed the old files: one is left, older than the log's record
        Path old = root.resolve("correspondents");
        Files.createDirectories(old);
        Files.writeString(old.resolve("491701234567"), "old@example.com", StandardCharsets.UTF_8);

        reopen(CorrespondentLog.FILE_SIZE);

        assertEquals(Optional.of("new@example.com"), log.of("+491701234567"));
        assertFalse(Files.exists(old));
    }
}
