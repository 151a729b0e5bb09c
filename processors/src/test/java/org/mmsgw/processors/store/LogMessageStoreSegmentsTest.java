package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Segments, receipts and tokens in the log store's index, across deletes, an SMSC id given out again,
 * compaction and a reopen; each with real fingerprints and with one that makes every name collide.
 */
class LogMessageStoreSegmentsTest {
    private static final Instant EXPIRY = Instant.parse("2030-01-08T10:00:00Z");
    private static final String PHONE = "+491701111111/TYPE=PLMN";
    private static final String OTHER = "+491702222222/TYPE=PLMN";

    @TempDir
    Path tmp;

    static Stream<Arguments> indexes() {
        return Stream.of(Arguments.of("seeded", LogMessageStore.seeded(7), 1 << 10),
                Arguments.of("colliding", (ToLongFunction<String>) name -> 42L, 1));
    }

    private LogMessageStore open(ToLongFunction<String> fingerprint, int cached) {
        return new LogMessageStore(tmp.resolve("store"), 4096, 0, fingerprint, cached);
    }

    private static StoredMessage message(String id) {
        return new StoredMessage(id, "+491709999999/TYPE=PLMN", Instant.parse("2030-01-01T10:00:00Z"), EXPIRY, true,
                false, false, 1, List.of(new Recipient(PHONE, "tok-" + id + "-1", RecipientState.PENDING),
                        new Recipient(OTHER, "tok-" + id + "-2", RecipientState.PENDING)));
    }

    /**
     * A message saved in one file, its segments recorded in the next; compaction then moves the message
     * out of its mostly dead file to the head, past the file with the segments, and removes the old file.
     * Opening the store again reads the segments before the message they belong to: they are kept all
     * the same, and a segment recorded again later (the SMSC gave its id to another message) still wins,
     * also when that other message is deleted since.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void segmentsReadBeforeTheirMessageAfterCompactionAreKept(String name, ToLongFunction<String> fp, int cached)
            throws IOException {
        LogMessageStore store = open(fp, cached);
        long first = store.headFile();
        store.save(message("keep"), new byte[200]);
        for (int i = 0; store.headFile() == first; i++) {
            store.save(message("dead" + i), new byte[200]);
            store.delete("dead" + i);
        }
        // before the state record of recordSent: read while the message is not known yet
        store.recordSegment("keep", OTHER, "s-3");
        store.recordSegment("keep", OTHER, "s-reused");
        store.recordSegment("keep", OTHER, "s-gone");
        store.recordSent("keep", PHONE, List.of("s-1", "s-2"), RecipientState.NOTIFIED);
        long second = store.headFile();
        for (int i = 0; store.headFile() == second; i++) {
            store.save(message("live" + i), new byte[200]);
        }
        store.recordSegment("live0", PHONE, "s-reused");
        // given out again to a message that is deleted since: the id belongs to nothing now
        store.recordSegment("live1", PHONE, "s-gone");
        store.delete("live1");
        store.compact();
        store.compact();
        for (int round = 0; round < 2; round++) {
            assertEquals(List.of(new SegmentRef("keep", PHONE, ""), new SegmentRef("keep", PHONE, "")),
                    store.segments("keep", PHONE), name + " round " + round);
            assertEquals(Optional.of(new SegmentRef("keep", OTHER)), store.findSegment("s-3"), name);
            assertEquals(Optional.of(new SegmentRef("live0", PHONE)), store.findSegment("s-reused"), name + " round " + round);
            assertEquals(Optional.empty(), store.findSegment("s-gone"), name + " round " + round);
            assertEquals(RecipientState.NOTIFIED, store.find("keep").orElseThrow().recipients().get(0).state());
            store.close();
            store = open(fp, cached);
        }
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void segmentsInRecordingOrderWithReceiptsAcrossCompactionAndReopen(String name, ToLongFunction<String> fp,
            int cached) throws IOException {
        LogMessageStore store = open(fp, cached);
        for (int m = 0; m < 30; m++) {
            store.save(message("m" + m), new byte[200]);
            store.recordSegment("m" + m, PHONE, "s" + m + "-0");
            // of a push that did not finish: stays marked through compaction and reopening
            store.recordStraySegment("m" + m, PHONE, "s" + m + "-1");
            store.recordSegment("m" + m, OTHER, "s" + m + "-2");
        }
        for (int m = 0; m < 30; m += 2) {
            store.recordReceipt("s" + m + "-0", "DELIVRD");
            store.recordReceipt("s" + m + "-1", "UNDELIV");
            store.delete("m" + (m + 1));
        }
        store.compact();
        store.compact();
        for (int round = 0; round < 2; round++) {
            for (int m = 0; m < 30; m += 2) {
                assertEquals(List.of(new SegmentRef("m" + m, PHONE, "DELIVRD"), new SegmentRef("m" + m, PHONE, "UNDELIV", true)),
                        store.segments("m" + m, PHONE), name + " m" + m);
                assertEquals(List.of(new SegmentRef("m" + m, OTHER, "")), store.segments("m" + m, OTHER));
                assertEquals(Optional.of("m" + m), store.messageIdForToken("tok-m" + m + "-2"));
                String gone = "m" + (m + 1);
                assertEquals(Optional.empty(), store.find(gone));
                assertEquals(Optional.empty(), store.findSegment("s" + (m + 1) + "-0"));
                assertEquals(Optional.empty(), store.messageIdForToken("tok-" + gone + "-1"));
                assertEquals(List.of(), store.segments(gone, PHONE));
            }
            store.close();
            store = open(fp, cached);
        }
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void anSmscIdGivenOutAgainMovesToTheNewMessage(String name, ToLongFunction<String> fp, int cached)
            throws IOException {
        LogMessageStore store = open(fp, cached);
        store.save(message("old"), new byte[1]);
        store.save(message("new"), new byte[1]);
        store.recordSegment("old", PHONE, "s1");
        store.recordSegment("old", PHONE, "s2");
        store.recordReceipt("s1", "DELIVRD");

        store.recordSegment("new", OTHER, "s1");

        for (int round = 0; round < 2; round++) {
            assertEquals(Optional.of(new SegmentRef("new", OTHER, "")), store.findSegment("s1"), name);
            assertEquals(List.of(new SegmentRef("old", PHONE, "")), store.segments("old", PHONE));
            assertEquals(List.of(new SegmentRef("new", OTHER, "")), store.segments("new", OTHER));
            store.close();
            store = open(fp, cached);
        }
        // the old message's delete leaves the segment that is the new message's now
        store.delete("old");
        assertEquals(Optional.of(new SegmentRef("new", OTHER, "")), store.findSegment("s1"));
        assertEquals(Optional.empty(), store.findSegment("s2"));
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("indexes")
    void manyMessagesEachFoundWithItsOwnStateAndContent(String name, ToLongFunction<String> fp, int cached)
            throws IOException {
        LogMessageStore store = open(fp, cached);
        int count = fp.applyAsLong("a") == 42L ? 200 : 3000;
        List<String> ids = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            String id = "id" + m;
            ids.add(id);
            store.save(message(id), ("content of " + id).getBytes());
            if (m % 3 == 0) {
                store.updateRecipient(id, PHONE, RecipientState.RETRIEVED);
            }
        }
        for (int round = 0; round < 2; round++) {
            for (int m = 0; m < count; m++) {
                String id = ids.get(m);
                StoredMessage found = store.find(id).orElseThrow();
                assertEquals(id, found.messageId(), name);
                assertEquals(m % 3 == 0 ? RecipientState.RETRIEVED : RecipientState.PENDING,
                        found.recipient(PHONE).orElseThrow().state());
                assertEquals("content of " + id, new String(store.content(id).orElseThrow()));
                assertEquals(Optional.of(id), store.messageIdForToken("tok-" + id + "-2"));
            }
            store.close();
            store = open(fp, cached);
        }
        assertEquals(count, store.expiredBefore(Instant.MAX).size());
        store.close();
    }
}
