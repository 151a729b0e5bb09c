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

class FileMessageStoreTest {

    private static final Instant SUBMITTED = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2030-01-08T10:00:00Z");
    private static final String PHONE = "+491701111111/TYPE=PLMN";
    private static final String MAIL = "bob@example.com";
    private static final byte[] CONTENT = {(byte) 0x8C, (byte) 0x80, 0x00, 0x0A, (byte) 0xFF};

    @TempDir
    Path tmp;

    private Path root;
    private FileMessageStore store;

    @BeforeEach
    void open() {
        root = tmp.resolve("store");
        store = new FileMessageStore(root);
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
        String state = Files.readString(root.resolve("messages/Msg_1-a/state.properties"), StandardCharsets.US_ASCII);
        assertTrue(state.contains("\nexpiry=2030-01-08T10:00:00Z\n"), state);
        assertTrue(state.contains("\nrecipient.0.state=PENDING\n"), state);
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
        assertFalse(Files.exists(root.resolve("messages/m1")));
        assertFalse(Files.exists(root.resolve("tokens/tok1")));
        assertFalse(Files.exists(root.resolve("segments/smsc-1")));
        // The other message is untouched.
        assertEquals(Optional.of("m2"), store.messageIdForToken("tok2"));
        assertEquals(Optional.of(new SegmentRef("m2", PHONE)), store.findSegment("smsc-2"));

        store.delete("m1");
        store.delete("never-saved");
        assertFalse(Files.exists(root.resolve("messages/never-saved")));
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
            assertEquals(List.of(root), outside.toList());
        }
        try (Stream<Path> messageDirs = Files.list(root.resolve("messages"))) {
            assertEquals(List.of(root.resolve("messages/m1")), messageDirs.toList());
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

        FileMessageStore reopened = new FileMessageStore(root);

        assertEquals(RecipientState.NOTIFIED,
                reopened.find("m1").orElseThrow().recipient(PHONE).orElseThrow().state());
        assertArrayEquals(CONTENT, reopened.content("m1").orElseThrow());
        assertEquals(Optional.of("m1"), reopened.messageIdForToken("tok1"));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE)), reopened.findSegment("smsc-1"));
        assertEquals(List.of("m1"), reopened.expiredBefore(EXPIRY.plusSeconds(1)));
        assertFalse(reopened.save(message("m1", EXPIRY, "tok1"), CONTENT));

        reopened.delete("m1");
        assertEquals(Optional.empty(), new FileMessageStore(root).findSegment("smsc-1"));
    }

    @Test
    void partialSaveIsInvisibleAndCompletedByNextSave() throws IOException {
        // A crash after the content and a token, before the state.
        Path dir = Files.createDirectories(root.resolve("messages/m1"));
        Files.write(dir.resolve("content.mms"), new byte[] {9, 9});
        Files.writeString(root.resolve("tokens/tok1"), "m1");
        FileMessageStore afterCrash = new FileMessageStore(root);

        assertEquals(Optional.empty(), afterCrash.find("m1"));
        assertEquals(Optional.empty(), afterCrash.content("m1"));
        assertEquals(Optional.empty(), afterCrash.messageIdForToken("tok1"));
        assertEquals(List.of(), afterCrash.expiredBefore(Instant.MAX));

        assertTrue(afterCrash.save(message("m1", EXPIRY, "tok1"), CONTENT));

        assertEquals(Optional.of(message("m1", EXPIRY, "tok1")), afterCrash.find("m1"));
        assertArrayEquals(CONTENT, afterCrash.content("m1").orElseThrow());
        assertEquals(Optional.of("m1"), afterCrash.messageIdForToken("tok1"));
        assertEquals(List.of("m1"), afterCrash.expiredBefore(Instant.MAX));
    }

    @Test
    void deleteRemovesPartialSave() throws IOException {
        // A crash after the content, leaving a temporary file of the state behind.
        Path dir = Files.createDirectories(root.resolve("messages/m1"));
        Files.write(dir.resolve("content.mms"), CONTENT);
        Files.writeString(dir.resolve(".state.properties.123.tmp"), "format=");

        store.delete("m1");

        assertFalse(Files.exists(dir));
    }

    @Test
    void unreadableStateNamesFileAndKey() throws IOException {
        store.save(message("m1", EXPIRY, "tok1"), CONTENT);
        Path state = root.resolve("messages/m1/state.properties");
        Files.writeString(state, Files.readString(state).replace("expiry=2030-01-08T10:00:00Z", "expiry=next week"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.find("m1"));

        assertTrue(e.getMessage().contains("state.properties: expiry must be an ISO-8601 instant, found 'next week'"),
                e.getMessage());
        assertThrows(UncheckedIOException.class, () -> new FileMessageStore(root));
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

    private RecipientState stateAfter(String address, RecipientState state) {
        return store.updateRecipient("m1", address, state).orElseThrow().recipient(address).orElseThrow().state();
    }

    private static StoredMessage message(String id, Instant expiry, String token) {
        return new StoredMessage(id, "+491709999999/TYPE=PLMN", SUBMITTED, expiry, true, false, false, CONTENT.length,
                List.of(new Recipient(PHONE, token, RecipientState.PENDING),
                        new Recipient(MAIL, "", RecipientState.PENDING)));
    }

    @Test
    void finishingTheLastRecipientRemovesTheContentButKeepsTheRecord(@TempDir Path other) {
        FileMessageStore s = new FileMessageStore(other);
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
}
