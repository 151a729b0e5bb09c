package org.mmsgw.codec.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;
import org.mmsgw.codec.MalformedPduException;

/** Reassembly of WDP over concatenated SMS (WAP-259-WDP §6.5, 3GPP TS 23.040 §9.2.3.24.1). */
class SmsReassemblerTest {
    private static final String ALICE = "+491511234567";
    private static final String BOB = "+491519876543";
    private static final byte[] PAYLOAD = Hex.counting(600); // 5 segments of 128 (8-bit) or 127 (16-bit)

    private static List<byte[]> split(boolean sixteenBit) {
        return SmsSegmenter.split(PAYLOAD, sixteenBit ? 0xBEEF : 0x7B, sixteenBit, 2948, 9200);
    }

    /** Feeds all segments; only the last may complete, and it must. */
    private static WdpDatagram feed(SmsReassembler reassembler, String sender, List<byte[]> segments) {
        for (int i = 0; i < segments.size() - 1; i++) {
            assertEquals(Optional.empty(), reassembler.accept(sender, segments.get(i)), "segment " + i);
        }
        return reassembler.accept(sender, segments.get(segments.size() - 1)).orElseThrow();
    }

    @ParameterizedTest(name = "sixteenBit={0}")
    @ValueSource(booleans = {false, true})
    void inOrder(boolean sixteenBit) {
        SmsReassembler reassembler = new SmsReassembler(10);
        WdpDatagram datagram = feed(reassembler, ALICE, split(sixteenBit));
        assertEquals(new WdpDatagram(ALICE, PortAddress.WAP_PUSH, PAYLOAD), datagram);
        assertEquals(0, reassembler.pendingMessages());
        assertEquals(0, reassembler.pendingOctets());
    }

    @ParameterizedTest(name = "sixteenBit={0}")
    @ValueSource(booleans = {false, true})
    void reversed(boolean sixteenBit) {
        List<byte[]> segments = new ArrayList<>(split(sixteenBit));
        Collections.reverse(segments);
        assertArrayEquals(PAYLOAD, feed(new SmsReassembler(10), ALICE, segments).payload());
    }

    @Test
    void shuffled() {
        Random random = new Random(23040);
        for (int round = 0; round < 20; round++) {
            List<byte[]> segments = new ArrayList<>(split(round % 2 == 0));
            Collections.shuffle(segments, random);
            assertArrayEquals(PAYLOAD, feed(new SmsReassembler(10), ALICE, segments).payload());
            assertArrayEquals(PAYLOAD, SmsReassembler.reassemble(segments));
        }
    }

    @Test
    void duplicatesWithTheSamePayloadAreIgnored() {
        List<byte[]> segments = split(false);
        SmsReassembler reassembler = new SmsReassembler(10);
        for (int i = 0; i < segments.size() - 1; i++) {
            assertEquals(Optional.empty(), reassembler.accept(ALICE, segments.get(i)));
            assertEquals(Optional.empty(), reassembler.accept(ALICE, segments.get(i)));
        }
        assertEquals(4 * 128, reassembler.pendingOctets());
        assertArrayEquals(PAYLOAD, reassembler.accept(ALICE, segments.get(4)).orElseThrow().payload());
        // a late copy of a completed message's segment starts a new, pending one
        assertEquals(Optional.empty(), reassembler.accept(ALICE, segments.get(0)));
        assertEquals(1, reassembler.pendingMessages());

        List<byte[]> doubled = new ArrayList<>(segments);
        doubled.addAll(segments);
        assertArrayEquals(PAYLOAD, SmsReassembler.reassemble(doubled));
    }

    @Test
    void mixedElementOrder() {
        List<byte[]> segments = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Concatenation concatenation = Concatenation.sixteenBit(0x9F8E, 3, i + 1);
            UserDataHeader header = i % 2 == 0
                    ? UserDataHeader.of(concatenation, PortAddress.WAP_PUSH)
                    : UserDataHeader.of(PortAddress.WAP_PUSH, concatenation);
            segments.add(new UserData(header, new byte[] {(byte) i, (byte) i}).encode());
        }
        assertTrue(Hex.text(segments.get(0)).startsWith("0C08049F8E0301"));
        assertTrue(Hex.text(segments.get(1)).startsWith("0C05040B8423F008049F8E0302"));
        assertArrayEquals(Hex.bytes("000001010202"), feed(new SmsReassembler(10), ALICE, segments).payload());
        assertArrayEquals(Hex.bytes("000001010202"), SmsReassembler.reassemble(segments));
    }

    @Test
    void unsegmentedCompletesAtOnce() {
        SmsReassembler reassembler = new SmsReassembler(10);
        byte[] single = Hex.bytes("06 05 04 0B 84 23 F0 01 06 03 BE AF 84");
        assertEquals(new WdpDatagram(BOB, PortAddress.WAP_PUSH, Hex.bytes("01 06 03 BE AF 84")),
                reassembler.accept(BOB, single).orElseThrow());
        byte[] oneOfOne = Hex.bytes("0B 05 04 0B 84 23 F0 00 03 01 01 01 AA");
        assertArrayEquals(new byte[] {(byte) 0xAA}, reassembler.accept(BOB, oneOfOne).orElseThrow().payload());
        assertEquals(0, reassembler.pendingMessages());
        assertArrayEquals(Hex.bytes("01 06 03 BE AF 84"), SmsReassembler.reassemble(List.of(single)));
    }

    @Test
    void keepsSendersReferencesWidthsAndPortsApart() {
        SmsReassembler reassembler = new SmsReassembler(10);
        List<byte[]> alice = SmsSegmenter.split(Hex.counting(200), 5, false, 2948, 9200);
        List<byte[]> bob = SmsSegmenter.split(Hex.counting(201), 5, false, 2948, 9200);
        List<byte[]> otherReference = SmsSegmenter.split(Hex.counting(202), 6, false, 2948, 9200);
        List<byte[]> wide = SmsSegmenter.split(Hex.counting(203), 5, true, 2948, 9200);
        List<byte[]> otherPorts = SmsSegmenter.split(Hex.counting(204), 5, false, 2948, 9201);
        for (List<byte[]> segments : List.of(alice, otherReference, wide, otherPorts)) {
            assertEquals(Optional.empty(), reassembler.accept(ALICE, segments.get(0)));
        }
        assertEquals(Optional.empty(), reassembler.accept(BOB, bob.get(0)));
        assertEquals(5, reassembler.pendingMessages());
        assertEquals(204, reassembler.accept(ALICE, otherPorts.get(1)).orElseThrow().payload().length);
        assertEquals(201, reassembler.accept(BOB, bob.get(1)).orElseThrow().payload().length);
        assertEquals(203, reassembler.accept(ALICE, wide.get(1)).orElseThrow().payload().length);
        assertEquals(202, reassembler.accept(ALICE, otherReference.get(1)).orElseThrow().payload().length);
        assertArrayEquals(Hex.counting(200), reassembler.accept(ALICE, alice.get(1)).orElseThrow().payload());
        assertEquals(PortAddress.sixteenBit(2948, 9201),
                new SmsReassembler(1).accept(ALICE, SmsSegmenter.split(new byte[1], 0, false, 2948, 9201).get(0))
                        .orElseThrow().ports());
    }

    @Test
    void duplicateWithOtherPayloadDropsTheMessage() {
        SmsReassembler reassembler = new SmsReassembler(10);
        List<byte[]> segments = split(false);
        reassembler.accept(ALICE, segments.get(0));
        reassembler.accept(ALICE, segments.get(1));
        byte[] altered = segments.get(1).clone();
        altered[20] ^= 1;
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> reassembler.accept(ALICE, altered));
        assertEquals("UDH concatenation", e.field());
        assertEquals(11, e.offset());
        assertEquals(0, reassembler.pendingMessages());
        assertEquals(0, reassembler.pendingOctets());

        List<byte[]> conflicting = List.of(segments.get(0), segments.get(1), altered);
        MalformedPduException fromList = assertThrows(MalformedPduException.class,
                () -> SmsReassembler.reassemble(conflicting));
        assertEquals(11, fromList.offset());
    }

    @Test
    void totalMismatchDropsTheMessage() {
        SmsReassembler reassembler = new SmsReassembler(10);
        reassembler.accept(ALICE, Hex.bytes("0B 05 04 0B 84 23 F0 00 03 7B 03 01 AA"));
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> reassembler.accept(ALICE, Hex.bytes("0B 05 04 0B 84 23 F0 00 03 7B 04 02 BB")));
        assertEquals("UDH concatenation", e.field());
        assertEquals(10, e.offset());
        assertEquals("expected total 3 as in earlier segments of reference 123, found 4", e.what());
        assertEquals(0, reassembler.pendingMessages());
    }

    @Test
    void everySegmentNeedsPorts() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> new SmsReassembler(10).accept(ALICE, Hex.bytes("05 00 03 01 02 01 AA")));
        assertEquals("UDH port address", e.field());
        assertEquals(6, e.offset());
        assertEquals("expected port addressing element (IEI 0x04 or 0x05), found none", e.what());
    }

    @Test
    void malformedUserDataIsReportedAsIs() {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> new SmsReassembler(10).accept(ALICE, Hex.bytes("0B 05 04 0B 84 23 F0 00 03 7B 02 00 AA")));
        assertEquals("UDH concatenation", e.field());
        assertEquals(11, e.offset());
    }

    @Test
    void evictsTheOldestBeyondTheCount() {
        SmsReassembler reassembler = new SmsReassembler(2);
        List<List<byte[]>> messages = new ArrayList<>();
        for (int reference = 1; reference <= 3; reference++) {
            List<byte[]> segments = SmsSegmenter.split(Hex.counting(300), reference, false, 2948, 9200);
            messages.add(segments);
            reassembler.accept(ALICE, segments.get(0));
        }
        assertEquals(2, reassembler.pendingMessages());
        assertEquals(1, reassembler.evictedMessages());
        assertEquals(256, reassembler.pendingOctets());
        // reference 1 was dropped: its second segment starts it over and evicts reference 2
        assertEquals(Optional.empty(), reassembler.accept(ALICE, messages.get(0).get(1)));
        assertEquals(2, reassembler.evictedMessages());
        // reference 3 is still whole
        assertEquals(Optional.empty(), reassembler.accept(ALICE, messages.get(2).get(1)));
        assertArrayEquals(Hex.counting(300), reassembler.accept(ALICE, messages.get(2).get(2)).orElseThrow().payload());
        // reference 1 still lacks its first segment
        assertEquals(Optional.empty(), reassembler.accept(ALICE, messages.get(0).get(2)));
        assertEquals(1, reassembler.pendingMessages());
    }

    @Test
    void evictsTheOldestToStayWithinMaxPduSize() {
        SmsReassembler reassembler = new SmsReassembler(10, CodecLimits.DEFAULTS.withMaxPduSize(300));
        for (int reference = 1; reference <= 3; reference++) {
            reassembler.accept(ALICE, SmsSegmenter.split(Hex.counting(300), reference, false, 2948, 9200).get(0));
        }
        assertEquals(2, reassembler.pendingMessages());
        assertEquals(256, reassembler.pendingOctets());
        assertEquals(1, reassembler.evictedMessages());
    }

    @Test
    void refusesAMessagePastMaxPduSize() {
        SmsReassembler reassembler = new SmsReassembler(10, CodecLimits.DEFAULTS.withMaxPduSize(300));
        List<byte[]> segments = SmsSegmenter.split(Hex.counting(384), 9, false, 2948, 9200);
        reassembler.accept(ALICE, segments.get(0));
        reassembler.accept(ALICE, segments.get(1));
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> reassembler.accept(ALICE, segments.get(2)));
        assertEquals("WDP payload", e.field());
        assertEquals(12 + 300 - 256, e.offset());
        assertEquals("expected at most 300 (maxPduSize), found 384", e.what());
        assertEquals(0, reassembler.pendingMessages());
        assertEquals(0, reassembler.pendingOctets());

        assertThrows(LimitExceededException.class,
                () -> SmsReassembler.reassemble(segments, CodecLimits.DEFAULTS.withMaxPduSize(300)));
        byte[] unsegmented = SmsSegmenter.split(new byte[133], 0, false, 2948, 9200).get(0);
        LimitExceededException single = assertThrows(LimitExceededException.class,
                () -> new SmsReassembler(1, CodecLimits.DEFAULTS.withMaxPduSize(100)).accept(ALICE, unsegmented));
        assertEquals(7 + 100, single.offset());
    }

    @Test
    void refusesATotalPastMaxSegments() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> new SmsReassembler(10, CodecLimits.DEFAULTS.withMaxSegments(2))
                        .accept(ALICE, Hex.bytes("0B 05 04 0B 84 23 F0 00 03 7B 03 01 AA")));
        assertEquals("UDH concatenation", e.field());
        assertEquals(10, e.offset());
        assertEquals("expected at most 2 (maxSegments), found 3", e.what());
    }

    @Test
    void namesTheMissingSequenceNumbers() {
        List<byte[]> segments = split(false);
        IncompleteMessageException e = assertThrows(IncompleteMessageException.class,
                () -> SmsReassembler.reassemble(List.of(segments.get(4), segments.get(0), segments.get(2))));
        assertEquals(List.of(2, 4), e.missing());
        assertEquals(5, e.total());
        assertEquals(0x7B, e.reference());
        assertEquals("SMS concatenation reference 123: expected segments 1..5, missing sequence numbers [2, 4]",
                e.getMessage());
    }

    @Test
    void listMustBeOneMessage() {
        byte[] first = Hex.bytes("0B 05 04 0B 84 23 F0 00 03 7B 02 01 AA");
        assertMismatch("UDH concatenation", 9, "expected reference 123 as in segment 1, found 124 in segment 2",
                first, Hex.bytes("0B 05 04 0B 84 23 F0 00 03 7C 02 02 BB"));
        assertMismatch("UDH concatenation", 10, "expected total 2 as in segment 1, found 3 in segment 2",
                first, Hex.bytes("0B 05 04 0B 84 23 F0 00 03 7B 03 02 BB"));
        assertMismatch("UDH concatenation", 7, "expected IEI 0x00 as in segment 1, found IEI 0x08 in segment 2",
                first, Hex.bytes("0C 05 04 0B 84 23 F0 08 04 00 7B 02 02 BB"));
        assertMismatch("UDH port address", 1,
                "expected ports 2948/9200 as in segment 1, found ports 2948/9201 in segment 2",
                first, Hex.bytes("0B 05 04 0B 84 23 F1 00 03 7B 02 02 BB"));
        assertMismatch("UDH concatenation", 7, "expected concatenation element as in segment 1, found none in segment 2",
                first, Hex.bytes("06 05 04 0B 84 23 F0 BB"));
        byte[] unsegmented = Hex.bytes("06 05 04 0B 84 23 F0 AA");
        assertMismatch("UDH concatenation", 7, "expected concatenation element in segment 1 of 2, found none",
                unsegmented, first);
        assertThrows(IllegalArgumentException.class, () -> SmsReassembler.reassemble(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new SmsReassembler(0));
    }

    private static void assertMismatch(String field, long offset, String what, byte[]... segments) {
        MalformedPduException e = assertThrows(MalformedPduException.class,
                () -> SmsReassembler.reassemble(List.of(segments)));
        assertEquals(field, e.field(), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
        assertEquals(what, e.what());
    }

    @Test
    void resplitOfAReassembledPayloadReassemblesToTheSameBytes() {
        for (int length : new int[] {0, 133, 134, 1000, 255 * 127}) {
            byte[] payload = Hex.counting(length);
            byte[] once = SmsReassembler.reassemble(SmsSegmenter.split(payload, 200, false, 2948, 9200));
            byte[] twice = SmsReassembler.reassemble(SmsSegmenter.split(once, 40000, true, 2948, 9200));
            assertArrayEquals(payload, twice, "length " + length);
        }
    }
}
