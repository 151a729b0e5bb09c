package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link MessageStore} must do, run against each implementation by its subclass: the same
 * answers, the same refusals, the same state after a reopen.
 */
abstract class MessageStoreContract {

    static final Instant SUBMITTED = Instant.parse("2030-01-01T10:00:00Z");
    static final Instant EXPIRY = Instant.parse("2030-01-08T10:00:00Z");
    static final String PHONE = "+491701111111/TYPE=PLMN";
    static final String MAIL = "bob@example.com";
    static final byte[] CONTENT = {(byte) 0x8C, (byte) 0x80, 0x00, 0x0A, (byte) 0xFF};

    @TempDir
    Path tmp;

    Path root;
    MessageStore store;

    /** A store on {@code root}, new or as left by an earlier one. */
    abstract MessageStore open(Path root);

    /** Ends a store before another one opens the same directory. */
    void close(MessageStore s) {
    }

    @BeforeEach
    void openStore() {
        root = tmp.resolve("store");
        store = open(root);
    }

    @Test
    void savesAndFindsMessageAndContent() throws IOException {
        // Characters that Properties syntax and the ASCII file must escape survive the round trip.
        String oddAddress = " =:#!\\\t\n\r\f\u00e9\ud83d\ude00 x";
        StoredMessage message = new StoredMessage("Msg_1-a", "+491709999999/TYPE=PLMN", SUBMITTED, EXPIRY, true,
                false, true, CONTENT.length, List.of(new Recipient(PHONE, "tok1", RecipientState.PENDING),
                        new Recipient(MAIL, "", RecipientState.NOTIFIED),
                        new Recipient(oddAddress, "tok2", RecipientState.DEFERRED)));

        assertTrue(store.save(message, CONTENT));

        assertEquals(Optional.of(message), store.find("Msg_1-a"));
        assertArrayEquals(CONTENT, store.content("Msg_1-a").orElseThrow());
        assertEquals(Optional.empty(), store.find("other"));
        assertEquals(Optional.empty(), store.content("other"));
        close(store);
        store = open(root);
        assertEquals(Optional.of(message), store.find("Msg_1-a"), "as saved, after a reopen");
    }

    @Test
    void secondSaveOfSameIdKeepsFirstCopy() {
        assertTrue(store.save(message("m1", EXPIRY, "tok1"), CONTENT));

        StoredMessage other = new StoredMessage("m1", "someone-else", SUBMITTED, EXPIRY, false, false, false, 3,
                List.of(new Recipient(MAIL, "", RecipientState.PENDING)));
        assertFalse(store.save(other, new byte[] {1, 2, 3}));

        assertEquals(Optional.of(message("m1", EXPIRY, "tok1")), store.find("m1"));
        assertArrayEquals(CONTENT, store.content("m1").orElseThrow());
    }

    @Test
    void findsMessageIdByToken() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.save(message("m2", EXPIRY, "tok2"), CONTENT);

        assertEquals(Optional.of("m1"), store.messageIdForToken("tok1"));
        assertEquals(Optional.of("m2"), store.messageIdForToken("tok2"));
        assertEquals(Optional.empty(), store.messageIdForToken("tok3"));
    }

    @Test
    void refusesTokenOfAnotherMessage() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);

        assertThrows(IllegalStateException.class, () -> store.save(message("m2", EXPIRY, "tok1"), CONTENT));

        assertEquals(Optional.of("m1"), store.messageIdForToken("tok1"));
        assertEquals(Optional.empty(), store.find("m2"));
    }

    @Test
    void updatesRecipientUntilFinalState() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);

        assertEquals(RecipientState.NOTIFIED, stateAfter(PHONE, RecipientState.NOTIFIED));
        assertEquals(RecipientState.DEFERRED, stateAfter(PHONE, RecipientState.DEFERRED));
        assertEquals(RecipientState.RETRIEVED, stateAfter(PHONE, RecipientState.RETRIEVED));
        // A late expiry or notifyresp cannot undo the retrieval.
        assertEquals(RecipientState.RETRIEVED, stateAfter(PHONE, RecipientState.EXPIRED));
        assertEquals(RecipientState.RETRIEVED, stateAfter(PHONE, RecipientState.DEFERRED));

        StoredMessage stored = store.find("m1").orElseThrow();
        assertEquals(RecipientState.RETRIEVED, stored.recipient(PHONE).orElseThrow().state());
        assertEquals(RecipientState.PENDING, stored.recipient(MAIL).orElseThrow().state());
    }

    @Test
    void updateOfUnknownMessageIsEmptyAndOfUnknownAddressChangesNothing() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);

        assertEquals(Optional.empty(), store.updateRecipient("gone", PHONE, RecipientState.RETRIEVED));
        assertEquals(store.find("m1"), store.updateRecipient("m1", "+490000/TYPE=PLMN", RecipientState.RETRIEVED));
        assertEquals(Optional.of(message("m1", EXPIRY, "tok1")), store.find("m1"));
    }

    @Test
    void recordsAndFindsSegments() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);

        store.recordSegment("m1", PHONE, "smsc-1");
        store.recordSegment("m1", PHONE, "smsc-2");
        store.recordSegment("m1", PHONE, "smsc-2");

        assertEquals(Optional.of(new SegmentRef("m1", PHONE)), store.findSegment("smsc-1"));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE)), store.findSegment("smsc-2"));
        assertEquals(Optional.empty(), store.findSegment("smsc-3"));
    }

    @Test
    void aStraySegmentStaysStrayThroughItsReceiptAndAReopen() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.recordStraySegment("m1", PHONE, "smsc-1");
        store.recordStraySegment("m1", PHONE, "smsc-2");
        store.recordSegment("m1", PHONE, "smsc-3");
        store.recordStraySegment("gone", PHONE, "smsc-4");

        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "", true)), store.findSegment("smsc-1"));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "UNDELIV", true)), store.recordReceipt("smsc-1", "UNDELIV"));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "DELIVRD", false)), store.recordReceipt("smsc-3", "DELIVRD"));
        assertEquals(Optional.empty(), store.findSegment("smsc-4"));
        List<SegmentRef> expected = List.of(new SegmentRef("m1", PHONE, "UNDELIV", true),
                new SegmentRef("m1", PHONE, "", true), new SegmentRef("m1", PHONE, "DELIVRD", false));
        assertEquals(expected, store.segments("m1", PHONE));
        close(store);
        store = open(root);
        assertEquals(expected, store.segments("m1", PHONE), "after a reopen");
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "", true)), store.findSegment("smsc-2"));
    }

    @Test
    void aSegmentRecordedAgainForItsMessageAndRecipientStaysAsItWasWithItsReceipt() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.recordSegment("m1", PHONE, "smsc-1");
        store.recordReceipt("smsc-1", "DELIVRD");
        store.recordStraySegment("m1", PHONE, "smsc-1"); // the push's ids left over at the end of a failed step
        store.recordStraySegment("m1", PHONE, "smsc-2");
        store.recordSegment("m1", PHONE, "smsc-2");

        List<SegmentRef> expected = List.of(new SegmentRef("m1", PHONE, "DELIVRD", false),
                new SegmentRef("m1", PHONE, "", true));
        assertEquals(expected, store.segments("m1", PHONE));
        close(store);
        store = open(root);
        assertEquals(expected, store.segments("m1", PHONE), "after a reopen");
    }

    @Test
    void ignoresSegmentOfMissingMessageOrRecipient() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);

        store.recordSegment("gone", PHONE, "smsc-1");
        store.recordSegment("m1", "+490000/TYPE=PLMN", "smsc-2");

        assertEquals(Optional.empty(), store.findSegment("smsc-1"));
        assertEquals(Optional.empty(), store.findSegment("smsc-2"));
    }

    @Test
    void listsExpiredMessagesEarliestFirst() {
        store.save(message("late", Instant.parse("2030-03-01T00:00:00Z"), "t1"), CONTENT);
        store.save(message("early", Instant.parse("2030-01-01T00:00:00Z"), "t2"), CONTENT);
        store.save(message("middle", Instant.parse("2030-02-01T00:00:00Z"), "t3"), CONTENT);

        assertEquals(List.of(), store.expiredBefore(Instant.parse("2030-01-01T00:00:00Z")));
        assertEquals(List.of("early", "middle"), store.expiredBefore(Instant.parse("2030-02-15T00:00:00Z")));
        assertEquals(List.of("early", "middle", "late"), store.expiredBefore(Instant.parse("2031-01-01T00:00:00Z")));
    }

    @Test
    void deleteRemovesEverythingAndCanBeRepeated() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.recordSegment("m1", PHONE, "smsc-1");
        store.save(message("m2", EXPIRY, "tok2"), CONTENT);
        store.recordSegment("m2", PHONE, "smsc-2");

        store.delete("m1");

        assertEquals(Optional.empty(), store.find("m1"));
        assertEquals(Optional.empty(), store.content("m1"));
        assertEquals(Optional.empty(), store.messageIdForToken("tok1"));
        assertEquals(Optional.empty(), store.findSegment("smsc-1"));
        assertEquals(List.of("m2"), store.expiredBefore(Instant.MAX));
        // The other message is untouched.
        assertEquals(Optional.of("m2"), store.messageIdForToken("tok2"));
        assertEquals(Optional.of(new SegmentRef("m2", PHONE)), store.findSegment("smsc-2"));

        store.delete("m1");
        store.delete("never-saved");
        close(store);
        store = open(root);
        assertEquals(Optional.empty(), store.find("m1"), "still gone after a reopen");
        assertEquals(Optional.of("m2"), store.messageIdForToken("tok2"));
    }

    @Test
    void deleteKeepsSegmentIdReusedByAnotherMessage() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.save(message("m2", EXPIRY, "tok2"), CONTENT);
        store.recordSegment("m1", PHONE, "smsc-1");
        // The SMSC's ids wrap around: the same id now names a segment of m2.
        store.recordSegment("m2", PHONE, "smsc-1");

        store.delete("m1");

        assertEquals(Optional.of(new SegmentRef("m2", PHONE)), store.findSegment("smsc-1"));
    }

    static Stream<String> hostileNames() {
        return Stream.of("../x", "a/b", "", "..", "x".repeat(200), "a\\b", "a b", "a.b", "/etc/passwd", "a\u0000b");
    }

    @ParameterizedTest
    @MethodSource("hostileNames")
    void refusesHostileNamesOnWriteAndFindsNothingOnLookup(String name) throws IOException {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);

        assertThrows(IllegalArgumentException.class, () -> store.save(message(name, EXPIRY, "tok9"), CONTENT));
        if (!name.isEmpty()) { // an empty token is an e-mail recipient's
            assertThrows(IllegalArgumentException.class, () -> store.save(message("m9", EXPIRY, name), CONTENT));
        }
        assertThrows(IllegalArgumentException.class,
                () -> store.updateRecipient(name, PHONE, RecipientState.RETRIEVED));
        assertThrows(IllegalArgumentException.class, () -> store.recordSegment(name, PHONE, "smsc-1"));
        assertThrows(IllegalArgumentException.class, () -> store.recordSegment("m1", PHONE, name));
        assertThrows(IllegalArgumentException.class, () -> store.delete(name));

        assertEquals(Optional.empty(), store.find(name));
        assertEquals(Optional.empty(), store.content(name));
        assertEquals(Optional.empty(), store.messageIdForToken(name));
        assertEquals(Optional.empty(), store.findSegment(name));

        assertEquals(Optional.empty(), store.find("m9"));
        try (Stream<Path> outside = Files.list(tmp)) {
            assertEquals(List.of(root), outside.toList(), "nothing written outside the store");
        }
    }

    @Test
    void lookupsOfNullFindNothing() {
        assertEquals(Optional.empty(), store.find(null));
        assertEquals(Optional.empty(), store.messageIdForToken(null));
        assertEquals(Optional.empty(), store.findSegment(null));
    }

    @Test
    void newStoreOnSameDirectorySeesEverything() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.updateRecipient("m1", PHONE, RecipientState.NOTIFIED);
        store.recordSegment("m1", PHONE, "smsc-1");

        close(store);
        MessageStore reopened = open(root);
        store = reopened;

        assertEquals(RecipientState.NOTIFIED,
                reopened.find("m1").orElseThrow().recipient(PHONE).orElseThrow().state());
        assertArrayEquals(CONTENT, reopened.content("m1").orElseThrow());
        assertEquals(Optional.of("m1"), reopened.messageIdForToken("tok1"));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE)), reopened.findSegment("smsc-1"));
        assertEquals(List.of("m1"), reopened.expiredBefore(EXPIRY.plusSeconds(1)));
        assertFalse(reopened.save(message("m1", EXPIRY, "tok1"), CONTENT));

        reopened.delete("m1");
        close(reopened);
        store = open(root);
        assertEquals(Optional.empty(), store.findSegment("smsc-1"));
    }

    @Test
    void concurrentUpdatesOfDifferentRecipientsAllLand() throws Exception {
        int threads = 8;
        List<Recipient> recipients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            recipients.add(new Recipient("+4917000000" + i + "/TYPE=PLMN", "tok" + i, RecipientState.PENDING));
        }
        store.save(new StoredMessage("m1", "+491709999999/TYPE=PLMN", SUBMITTED, EXPIRY, false, false, false,
                CONTENT.length, recipients), CONTENT);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> results = new ArrayList<>();
            for (Recipient recipient : recipients) {
                results.add(pool.submit(() -> {
                    start.await();
                    store.updateRecipient("m1", recipient.address(), RecipientState.NOTIFIED);
                    store.updateRecipient("m1", recipient.address(), RecipientState.RETRIEVED);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        StoredMessage stored = store.find("m1").orElseThrow();
        assertTrue(stored.isDone(), stored.toString());
        assertTrue(stored.recipients().stream().allMatch(r -> r.state() == RecipientState.RETRIEVED));
    }

    RecipientState stateAfter(String address, RecipientState state) {
        return store.updateRecipient("m1", address, state).orElseThrow().recipient(address).orElseThrow().state();
    }

    static StoredMessage message(String id, Instant expiry, String token) {
        return new StoredMessage(id, "+491709999999/TYPE=PLMN", SUBMITTED, expiry, true, false, false, CONTENT.length,
                List.of(new Recipient(PHONE, token, RecipientState.PENDING),
                        new Recipient(MAIL, "", RecipientState.PENDING)));
    }

    @Test
    void finishingTheLastRecipientRemovesTheContentButKeepsTheRecord(@TempDir Path other) {
        MessageStore s = open(other);
        StoredMessage m = new StoredMessage("m1", "+491701111111", java.time.Instant.EPOCH,
                java.time.Instant.EPOCH.plusSeconds(60), true, false, false, 3,
                java.util.List.of(new Recipient("+491702222222/TYPE=PLMN", "t1", RecipientState.PENDING),
                        new Recipient("+491703333333/TYPE=PLMN", "t2", RecipientState.PENDING)));
        s.save(m, new byte[] {1, 2, 3});
        s.finishRecipient("m1", "+491702222222/TYPE=PLMN", RecipientState.RETRIEVED);
        assertTrue(s.content("m1").isPresent(), "one recipient still pending");
        s.finishRecipient("m1", "+491703333333/TYPE=PLMN", RecipientState.EXPIRED);
        assertTrue(s.content("m1").isEmpty(), "content removed");
        assertTrue(s.find("m1").isPresent(), "record kept");
        s.removeContent("m1");
        s.delete("m1");
        assertTrue(s.find("m1").isEmpty());
    }

    @Test
    void recordsSentSegmentsWithTheNewStateAndKeepsThemAfterReopening() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);

        Optional<StoredMessage> now = store.recordSent("m1", PHONE, List.of("smsc-1", "smsc-2", "smsc-1"),
                RecipientState.NOTIFIED);

        assertEquals(RecipientState.NOTIFIED, now.orElseThrow().recipient(PHONE).orElseThrow().state());
        assertEquals(Optional.of(new SegmentRef("m1", PHONE)), store.findSegment("smsc-1"));
        assertEquals(2, store.segments("m1", PHONE).size());
        close(store);
        store = open(root);
        assertEquals(RecipientState.NOTIFIED,
                store.find("m1").orElseThrow().recipient(PHONE).orElseThrow().state());
        assertEquals(Optional.of(new SegmentRef("m1", PHONE)), store.findSegment("smsc-2"));
        assertEquals(2, store.segments("m1", PHONE).size());
    }

    @Test
    void recordsSentSegmentsOnlyForAKnownRecipientAndNeverUndoesAFinalState() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        assertEquals(Optional.empty(), store.recordSent("gone", PHONE, List.of("smsc-1"), RecipientState.NOTIFIED));
        store.recordSent("m1", "+490000/TYPE=PLMN", List.of("smsc-2"), RecipientState.NOTIFIED);
        assertEquals(Optional.empty(), store.findSegment("smsc-1"));
        assertEquals(Optional.empty(), store.findSegment("smsc-2"));

        store.finishRecipient("m1", PHONE, RecipientState.EXPIRED);
        Optional<StoredMessage> now = store.recordSent("m1", PHONE, List.of("smsc-3"), RecipientState.NOTIFIED);

        assertEquals(RecipientState.EXPIRED, now.orElseThrow().recipient(PHONE).orElseThrow().state());
        // a segment that did go out is still matched to its receipt
        assertEquals(Optional.of(new SegmentRef("m1", PHONE)), store.findSegment("smsc-3"));
        assertThrows(IllegalArgumentException.class,
                () -> store.recordSent("m1", PHONE, List.of("../x"), RecipientState.NOTIFIED));
    }

    @Test
    void recordingTheLastRecipientSentAsFinalRemovesTheContent() {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        store.finishRecipient("m1", MAIL, RecipientState.FORWARDED);

        store.recordSent("m1", PHONE, List.of("smsc-1"), RecipientState.UNREACHABLE);

        assertTrue(store.content("m1").isEmpty(), "content removed");
        assertEquals(Optional.of(new SegmentRef("m1", PHONE)), store.findSegment("smsc-1"));
    }
}
