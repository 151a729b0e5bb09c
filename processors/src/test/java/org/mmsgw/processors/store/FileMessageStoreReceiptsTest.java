package org.mmsgw.processors.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FileMessageStore#recordReceipt}, {@link FileMessageStore#segments}, {@link FileMessageStore#findSegment}. */
class FileMessageStoreReceiptsTest {
    private static final Instant SUBMITTED = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2030-01-08T10:00:00Z");
    private static final String PHONE = "+491701111111/TYPE=PLMN";
    private static final String OTHER = "+491702222222/TYPE=PLMN";

    @TempDir
    Path tmp;

    private Path root;
    private FileMessageStore store;

    @BeforeEach
    void open() {
        root = tmp.resolve("store");
        store = new FileMessageStore(root);
        save("m1", PHONE, OTHER);
        store.recordSegment("m1", PHONE, "s1");
        store.recordSegment("m1", PHONE, "s2");
        store.recordSegment("m1", OTHER, "t1");
    }

    private void save(String id, String... addresses) {
        store.save(new StoredMessage(id, "+491709999999/TYPE=PLMN", SUBMITTED, EXPIRY, true, false, false, 1,
                Stream.of(addresses).map(a -> new Recipient(a, id + "-" + Math.abs(a.hashCode()),
                        RecipientState.NOTIFIED)).toList()), new byte[] {1});
    }

    private List<Path> segmentFiles() throws Exception {
        try (Stream<Path> files = Files.list(root.resolve("segments"))) {
            return files.sorted().toList();
        }
    }

    @Test
    void recordReceiptReturnsTheSegmentWithItsStatus() throws Exception {
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "DELIVRD")), store.recordReceipt("s1", "DELIVRD"));

        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "DELIVRD")), store.findSegment("s1"));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "")), store.findSegment("s2"));
        // the documented layout: message id, LF, address, LF, status
        assertEquals("m1\n" + PHONE + "\nDELIVRD", Files.readString(root.resolve("segments/s1"), StandardCharsets.UTF_8));
    }

    @Test
    void sameStatusAgainChangesNothingAndAnotherReplacesIt() {
        store.recordReceipt("s1", "UNDELIV");

        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "UNDELIV")), store.recordReceipt("s1", "UNDELIV"));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "DELIVRD")), store.recordReceipt("s1", "DELIVRD"));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "DELIVRD")), store.findSegment("s1"));
    }

    @Test
    void receiptOfUnknownSegmentIsEmptyAndWritesNothing() throws Exception {
        List<Path> before = segmentFiles();

        assertEquals(Optional.empty(), store.recordReceipt("s9", "DELIVRD"));

        assertEquals(before, segmentFiles());
        assertEquals(Optional.empty(), store.findSegment("s9"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", ".", "..", "../segments/s1", "s1/..", "s 1", "s1\n", "\u00e91"})
    void receiptOrLookupOfWhatCannotBeAnIdIsEmpty(String id) throws Exception {
        List<Path> before = segmentFiles();

        assertEquals(Optional.empty(), store.recordReceipt(id, "DELIVRD"));
        assertEquals(Optional.empty(), store.findSegment(id));
        assertEquals(before, segmentFiles());
    }

    @Test
    void idLengthLimitIsOneHundredTwentyEight() {
        save("m2", PHONE);
        String max = "x".repeat(128);
        store.recordSegment("m2", PHONE, max);

        assertEquals(Optional.of(new SegmentRef("m2", PHONE, "ACCEPTD")), store.recordReceipt(max, "ACCEPTD"));
        assertEquals(Optional.empty(), store.recordReceipt(max + "x", "ACCEPTD"));
        assertEquals(Optional.empty(), store.recordReceipt(null, "ACCEPTD"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "delivrd", "Delivrd", "DELIV1", "DELIV RD", "DELIVRD\n", "ABCDEFGHIJKLMNOPQ", "\u00c4"})
    void statusMustBeOneToSixteenCapitalLetters(String status) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.recordReceipt("s1", status));

        assertEquals("receipt status must match [A-Z]{1,16}, found '" + status + "'", e.getMessage());
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "")), store.findSegment("s1"));
    }

    @Test
    void nullStatusIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> store.recordReceipt("s1", null));
    }

    @Test
    void sixteenLetterStatusIsAccepted() {
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "ABCDEFGHIJKLMNOP")),
                store.recordReceipt("s1", "ABCDEFGHIJKLMNOP"));
        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "X")), store.recordReceipt("s2", "X"));
    }

    @Test
    void segmentsOfOneRecipientInRecordingOrderWithTheirReceipts() {
        store.recordSegment("m1", PHONE, "a0");
        store.recordReceipt("s2", "DELIVRD");

        assertEquals(List.of(new SegmentRef("m1", PHONE, ""), new SegmentRef("m1", PHONE, "DELIVRD"),
                new SegmentRef("m1", PHONE, "")), store.segments("m1", PHONE));
        assertEquals(List.of(new SegmentRef("m1", OTHER, "")), store.segments("m1", OTHER));
    }

    @Test
    void segmentsAreListedOnceWhenRecordedTwice() {
        store.recordSegment("m1", PHONE, "s1");

        assertEquals(2, store.segments("m1", PHONE).size());
    }

    @Test
    void segmentsOfUnknownMessageOrAddressOrBadIdAreEmpty() {
        assertEquals(List.of(), store.segments("m9", PHONE));
        assertEquals(List.of(), store.segments("m1", "+491703333333/TYPE=PLMN"));
        assertEquals(List.of(), store.segments("m1", null));
        assertEquals(List.of(), store.segments("../store/messages/m1", PHONE));
        assertEquals(List.of(), store.segments(null, PHONE));
    }

    @Test
    void segmentIdReusedByAnotherMessageLeavesTheFirstMessagesList() {
        save("m2", PHONE);
        store.recordReceipt("s1", "UNDELIV");
        // the SMSC's ids wrap around: s1 now names a segment of m2, without a receipt yet
        store.recordSegment("m2", PHONE, "s1");

        assertEquals(List.of(new SegmentRef("m1", PHONE, "")), store.segments("m1", PHONE));
        assertEquals(List.of(new SegmentRef("m2", PHONE, "")), store.segments("m2", PHONE));
        assertEquals(Optional.of(new SegmentRef("m2", PHONE, "DELIVRD")), store.recordReceipt("s1", "DELIVRD"));
        assertEquals(List.of(new SegmentRef("m1", PHONE, "")), store.segments("m1", PHONE));
    }

    @Test
    void receiptsSurviveReopening() {
        store.recordReceipt("s1", "DELIVRD");

        FileMessageStore reopened = new FileMessageStore(root);

        assertEquals(Optional.of(new SegmentRef("m1", PHONE, "DELIVRD")), reopened.findSegment("s1"));
        assertEquals(List.of(new SegmentRef("m1", PHONE, "DELIVRD"), new SegmentRef("m1", PHONE, "")),
                reopened.segments("m1", PHONE));
    }

    @Test
    void afterDeleteReceiptsFindNothing() throws Exception {
        store.recordReceipt("s1", "DELIVRD");

        store.delete("m1");

        assertEquals(Optional.empty(), store.recordReceipt("s1", "DELIVRD"));
        assertEquals(Optional.empty(), store.recordReceipt("s2", "DELIVRD"));
        assertEquals(Optional.empty(), store.findSegment("t1"));
        assertEquals(List.of(), store.segments("m1", PHONE));
        assertEquals(List.of(), segmentFiles());
    }

    @Test
    void receiptedSegmentIsDeletedWithItsMessageButAReusedOneStays() throws Exception {
        save("m2", PHONE);
        store.recordReceipt("s2", "DELIVRD");
        store.recordSegment("m2", PHONE, "s1");
        store.recordReceipt("s1", "EXPIRED");

        store.delete("m1");

        assertEquals(Optional.of(new SegmentRef("m2", PHONE, "EXPIRED")), store.findSegment("s1"));
        assertEquals(Optional.empty(), store.findSegment("s2"));
    }

    @Test
    void unreadableSegmentFileIsAnError() throws Exception {
        Files.writeString(root.resolve("segments/s1"), "m1", StandardCharsets.UTF_8);

        assertThrows(java.io.UncheckedIOException.class, () -> store.findSegment("s1"));
        assertThrows(java.io.UncheckedIOException.class, () -> store.recordReceipt("s1", "DELIVRD"));
    }

    /**
     * The store keeps any recipient address (FileMessageStoreTest saves one with a line feed), but a
     * segment file separates its fields by line feeds and readSegment splits on every one: the segment of
     * an address ending in LF reads back with the address cut at the LF, recordReceipt then rewrites it so,
     * and segments(m, address) no longer lists it. Correct: refuse the address in recordSegment, or read it
     * back as it was recorded.
     */
    @Test
    void segmentOfAddressWithLineFeedReadsBackAsItWasRecorded() {
        String address = PHONE + "\n";
        save("m3", address);
        try {
            store.recordSegment("m3", address, "u1");
        } catch (IllegalArgumentException refused) {
            assertEquals(Optional.empty(), store.findSegment("u1"));
            return;
        }

        assertEquals(Optional.of(new SegmentRef("m3", address, "")), store.findSegment("u1"));
        assertEquals(Optional.of(new SegmentRef("m3", address, "DELIVRD")), store.recordReceipt("u1", "DELIVRD"));
        assertEquals(List.of(new SegmentRef("m3", address, "DELIVRD")), store.segments("m3", address));
    }
}
