package org.mmsgw.codec.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;

/** WAP-259-WDP §6.5 over 3GPP TS 23.040 §9.2.3.24: segment counts and sizes at the boundaries. */
class SmsSegmenterTest {
    private static final int PUSH = PortAddress.WAP_PUSH_PORT;
    private static final int WSP = PortAddress.WAP_WSP_PORT;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 132, 133})
    void fitsOneSmsWithThePortHeaderOnly(int length) {
        byte[] payload = Hex.counting(length);
        List<byte[]> segments = SmsSegmenter.split(payload, 0x7B, false, PUSH, WSP);
        assertEquals(1, segments.size());
        assertEquals(7 + length, segments.get(0).length);
        assertEquals("06 05 04 0B 84 23 F0".replace(" ", ""), Hex.text(segments.get(0)).substring(0, 14));
        assertArrayEquals(payload, UserData.parse(segments.get(0)).payload());
    }

    @ParameterizedTest(name = "{0} octets, 8-bit reference -> {1} segments, last {2} octets")
    @CsvSource({
            "134,        2,   18",
            "256,        2,   140",
            "257,        3,   13",
            "384,        3,   140",
            "385,        4,   13",
            "32512,      254, 140",
            "32513,      255, 13",
            "32640,      255, 140",
    })
    void eightBitReference(int length, int count, int lastLength) {
        checkSplit(length, false, count, lastLength, 12);
    }

    @ParameterizedTest(name = "{0} octets, 16-bit reference -> {1} segments, last {2} octets")
    @CsvSource({
            "134,        2,   20",
            "254,        2,   140",
            "255,        3,   14",
            "381,        3,   140",
            "382,        4,   14",
            "32385,      255, 140",
    })
    void sixteenBitReference(int length, int count, int lastLength) {
        checkSplit(length, true, count, lastLength, 13);
    }

    private static void checkSplit(int length, boolean sixteenBit, int count, int lastLength, int headerLength) {
        byte[] payload = Hex.counting(length);
        int reference = sixteenBit ? 0x9F8E : 0x7B;
        List<byte[]> segments = SmsSegmenter.split(payload, reference, sixteenBit, PUSH, WSP);
        assertEquals(count, segments.size());
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] segment = segments.get(i);
            assertEquals(i == count - 1 ? lastLength : 140, segment.length, "segment " + (i + 1));
            UserData userData = UserData.parse(segment);
            assertEquals(UserDataHeader.of(PortAddress.WAP_PUSH,
                    new Concatenation(reference, count, i + 1, sixteenBit)), userData.header());
            assertEquals(headerLength, userData.header().encodedLength());
            joined.writeBytes(userData.payload());
        }
        assertArrayEquals(payload, joined.toByteArray());
    }

    @Test
    void headersOnTheWire() {
        List<byte[]> eight = SmsSegmenter.split(new byte[134], 0x7B, false, PUSH, WSP);
        assertTrue(Hex.text(eight.get(1)).startsWith("0B05040B8423F000037B0202"));
        List<byte[]> sixteen = SmsSegmenter.split(new byte[134], 0x9F8E, true, PUSH, WSP);
        assertTrue(Hex.text(sixteen.get(0)).startsWith("0C05040B8423F008049F8E0201"));
        List<byte[]> other = SmsSegmenter.split(new byte[1], 0, false, 0x1234, 0xABCD);
        assertEquals("0605041234ABCD00", Hex.text(other.get(0)));
    }

    @Test
    void refuses256Segments() {
        LimitExceededException e = assertThrows(LimitExceededException.class,
                () -> SmsSegmenter.split(new byte[255 * 128 + 1], 1, false, PUSH, WSP));
        assertEquals("WDP payload", e.field());
        assertEquals(255 * 128, e.offset());
        assertEquals("expected at most 255 (maxSegments), found 256", e.what());

        LimitExceededException wide = assertThrows(LimitExceededException.class,
                () -> SmsSegmenter.split(new byte[255 * 127 + 1], 1, true, PUSH, WSP));
        assertEquals(255 * 127, wide.offset());
    }

    @Test
    void followsTheLimits() {
        CodecLimits threeSegments = CodecLimits.DEFAULTS.withMaxSegments(3);
        assertEquals(3, SmsSegmenter.split(new byte[384], 1, false, PUSH, WSP, threeSegments).size());
        LimitExceededException segments = assertThrows(LimitExceededException.class,
                () -> SmsSegmenter.split(new byte[385], 1, false, PUSH, WSP, threeSegments));
        assertEquals(384, segments.offset());

        CodecLimits small = CodecLimits.DEFAULTS.withMaxPduSize(100);
        LimitExceededException size = assertThrows(LimitExceededException.class,
                () -> SmsSegmenter.split(new byte[101], 1, false, PUSH, WSP, small));
        assertEquals("WDP payload", size.field());
        assertEquals(100, size.offset());
        assertEquals("expected at most 100 (maxPduSize), found 101", size.what());
    }

    @Test
    void refusesProgrammingErrors() {
        byte[] payload = new byte[200];
        assertThrows(IllegalArgumentException.class, () -> SmsSegmenter.split(payload, 256, false, PUSH, WSP));
        assertThrows(IllegalArgumentException.class, () -> SmsSegmenter.split(payload, -1, false, PUSH, WSP));
        assertThrows(IllegalArgumentException.class, () -> SmsSegmenter.split(payload, 0x10000, true, PUSH, WSP));
        assertThrows(IllegalArgumentException.class, () -> SmsSegmenter.split(payload, 1, false, 0x10000, WSP));
        assertThrows(IllegalArgumentException.class, () -> SmsSegmenter.split(payload, 1, false, PUSH, -1));
        assertThrows(NullPointerException.class, () -> SmsSegmenter.split(null, 1, false, PUSH, WSP));
        assertEquals(2, SmsSegmenter.split(payload, 0xFFFF, true, PUSH, WSP).size());
    }

    @Test
    void wapPushUsesPorts2948And9200AndAnEightBitReference() {
        List<byte[]> segments = SmsSegmenter.splitWapPush(new byte[200], 0x42);
        assertEquals(UserDataHeader.of(PortAddress.sixteenBit(2948, 9200), Concatenation.eightBit(0x42, 2, 1)),
                UserData.parse(segments.get(0)).header());
    }
}
