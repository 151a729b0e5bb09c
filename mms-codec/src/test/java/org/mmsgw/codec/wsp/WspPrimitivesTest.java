package org.mmsgw.codec.wsp;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;
import org.mmsgw.codec.MalformedPduException;

/**
 * WAP-230-WSP §8.4.2 primitives, edge by edge. In the round-trip tables the same hex is the decode
 * input and the encode expectation; decode inputs carry a trailing octet so the tests also check
 * where the reader stopped. Error inputs sit behind a two-octet prefix, so "offset 2" means "the
 * start of the field", not "the start of the buffer".
 */
class WspPrimitivesTest {
    private static final String PREFIX = "EEEE";
    private static final String TRAILER = "55";
    private static final String FIELD = "Subject";

    // ---------------------------------------------------------------- uintvar

    @ParameterizedTest(name = "[{index}] {0} <-> {1}")
    @CsvSource({
        "0,          00",
        "1,          01",
        "127,        7F",
        "128,        81 00",
        "16383,      FF 7F",
        "16384,      81 80 00",
        "2097151,    FF FF 7F",
        "2097152,    81 80 80 00",
        "268435455,  FF FF FF 7F",
        "268435456,  81 80 80 80 00",
        "2147483647, 87 FF FF FF 7F",
        "2147483648, 88 80 80 80 00",
        "4294967295, 8F FF FF FF 7F",
    })
    void uintvar(long value, String hex) {
        WspReader r = reader(hex + TRAILER);
        assertEquals(value, r.readUintvar(FIELD));
        assertEquals(length(hex), r.position());
        assertEquals(norm(hex), text(new WspWriter().writeUintvar(value).toByteArray()));
        assertEquals(length(hex), WspWriter.uintvarSize(value));
    }

    /** Leading zero groups are not canonical but are valid: the decoder takes them, the encoder never writes them. */
    @ParameterizedTest(name = "[{index}] {1} -> {0}")
    @CsvSource({
        "0,   80 00",
        "128, 80 81 00",
        "1,   80 80 80 80 01",
    })
    void uintvarWithLeadingZeroGroups(long value, String hex) {
        WspReader r = reader(hex + TRAILER);
        assertEquals(value, r.readUintvar(FIELD));
        assertEquals(length(hex), r.position());
    }

    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @CsvSource({
        // six octets, continuation bit on the fifth: rejected at the start, not after reading on
        "8F FF FF FF FF 7F, uintvar of at most 5 octets, continuation bit on octet 5",
        "80 80 80 80 80 00, uintvar of at most 5 octets, continuation bit on octet 5",
        // five octets whose value does not fit 32 bits (a length check alone would take them)
        "90 80 80 80 00,    uintvar at most 4294967295,  4294967296",
        "FF FF FF FF 7F,    uintvar at most 4294967295,  34359738367",
        // continuation bit on the last octet before the end
        "81,                uintvar,                     end of input after 1 octets",
        "FF FF FF FF,       uintvar,                     end of input after 4 octets",
        "'',                uintvar,                     end of input after 0 octets",
    })
    void uintvarErrors(String hex, String expected, String found) {
        WspReader r = readerAfterPrefix(hex);
        assertMalformed(() -> r.readUintvar(FIELD), FIELD, 2, expected, found);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 4294967296L, Long.MAX_VALUE})
    void uintvarWriterRefusesOutOfRange(long value) {
        assertThrows(IllegalArgumentException.class, () -> new WspWriter().writeUintvar(value));
    }

    @Test
    void uintvarLengthWithinTheInput() {
        WspReader r = reader("04 01 02 03 04");
        assertEquals(4, r.readUintvarLength(FIELD));
        assertEquals(1, r.position());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "05 01 02 03 04,  a length within the 4 remaining octets, 5",
        // 2^31 and 2^32-1 must not turn negative on their way to an int
        "88 80 80 80 00,  a length within the 0 remaining octets, 2147483648",
        "8F FF FF FF 7F,  a length within the 0 remaining octets, 4294967295",
    })
    void uintvarLengthPastTheEnd(String hex, String expected, String found) {
        WspReader r = readerAfterPrefix(hex);
        assertMalformed(() -> r.readUintvarLength(FIELD), FIELD, 2, expected, found);
    }

    // ---------------------------------------------------------------- short-integer

    @ParameterizedTest(name = "[{index}] {0} <-> {1}")
    @CsvSource({"0, 80", "1, 81", "64, C0", "127, FF"})
    void shortInteger(int value, String hex) {
        WspReader r = reader(hex + TRAILER);
        assertEquals(value, r.readShortInteger(FIELD));
        assertEquals(1, r.position());
        assertEquals(norm(hex), text(new WspWriter().writeShortInteger(value).toByteArray()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "7F, short-integer (0x80-0xFF), 0x7F",
        "00, short-integer (0x80-0xFF), 0x00",
        "'', an octet,                  end of input",
    })
    void shortIntegerErrors(String hex, String expected, String found) {
        WspReader r = readerAfterPrefix(hex);
        assertMalformed(() -> r.readShortInteger(FIELD), FIELD, 2, expected, found);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 128, 255})
    void shortIntegerWriterRefusesOutOfRange(int value) {
        assertThrows(IllegalArgumentException.class, () -> new WspWriter().writeShortInteger(value));
    }

    // ---------------------------------------------------------------- long-integer

    @ParameterizedTest(name = "[{index}] {0} <-> {1}")
    @CsvSource({
        "0,                   01 00",
        "255,                 01 FF",
        "256,                 02 01 00",
        "65535,               02 FF FF",
        "65536,               03 01 00 00",
        "16777216,            04 01 00 00 00",
        "4294967295,          04 FF FF FF FF",
        "4294967296,          05 01 00 00 00 00",
        "1099511627776,       06 01 00 00 00 00 00",
        "281474976710656,     07 01 00 00 00 00 00 00",
        "72057594037927936,   08 01 00 00 00 00 00 00 00",
        "9223372036854775807, 08 7F FF FF FF FF FF FF FF",
    })
    void longInteger(long value, String hex) {
        WspReader r = reader(hex + TRAILER);
        assertEquals(value, r.readLongInteger(FIELD));
        assertEquals(length(hex), r.position());
        assertEquals(norm(hex), text(new WspWriter().writeLongInteger(value).toByteArray()));
    }

    @Test
    void longIntegerWithLeadingZeroOctetIsRead() {
        WspReader r = reader("03 00 00 05" + TRAILER);
        assertEquals(5, r.readLongInteger(FIELD));
        assertEquals(4, r.position());
    }

    @ParameterizedTest(name = "[{index}] {0}: {2}")
    @CsvSource({
        "00,                         long-integer length 1-30,           0",
        "1F 00,                      long-integer length 1-30,           31",
        "80,                         long-integer length 1-30,           128",
        "08 80 00 00 00 00 00 00 00, long-integer at most 2^63-1,        a 64-bit value with the top bit set",
        "04 01 02,                   long-integer of 4 octets,           end of input after 2",
        "'',                         an octet,                           end of input",
    })
    void longIntegerErrors(String hex, String expected, String found) {
        WspReader r = readerAfterPrefix(hex);
        assertMalformed(() -> r.readLongInteger(FIELD), FIELD, 2, expected, found);
    }

    static IntStream lengthsNine30() {
        return IntStream.rangeClosed(9, 30);
    }

    /** Short-length 9..30 is valid WSP but does not fit a Java long: a clear error, not a wrapped value. */
    @ParameterizedTest(name = "[{index}] length {0}")
    @MethodSource("lengthsNine30")
    void longIntegerLongerThanEightOctets(int length) {
        WspReader r = readerAfterPrefix(String.format("%02X", length) + "01".repeat(length));
        assertMalformed(() -> r.readLongInteger(FIELD), FIELD, 2, "long-integer of at most 8 octets",
                length + " octets");
    }

    @Test
    void longIntegerWriterRefusesNegative() {
        assertThrows(IllegalArgumentException.class, () -> new WspWriter().writeLongInteger(-1));
    }

    // ---------------------------------------------------------------- integer-value

    @ParameterizedTest(name = "[{index}] {0} <-> {1}")
    @CsvSource({
        "0,          80",
        "5,          85",
        "127,        FF",
        "128,        01 80",
        "255,        01 FF",
        "256,        02 01 00",
        "4294967295, 04 FF FF FF FF",
    })
    void integerValue(long value, String hex) {
        WspReader r = reader(hex + TRAILER);
        assertEquals(value, r.readIntegerValue(FIELD));
        assertEquals(length(hex), r.position());
        assertEquals(norm(hex), text(new WspWriter().writeIntegerValue(value).toByteArray()));
    }

    @ParameterizedTest(name = "[{index}] {1} -> {0}")
    @CsvSource({"5, 01 05", "0, 01 00", "127, 01 7F"})
    void integerValueInLongFormIsRead(long value, String hex) {
        WspReader r = reader(hex + TRAILER);
        assertEquals(value, r.readIntegerValue(FIELD));
        assertEquals(length(hex), r.position());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "20, long-integer length 1-30, 32",
        "7F, long-integer length 1-30, 127",
        "00, long-integer length 1-30, 0",
        "'', an octet,                 end of input",
    })
    void integerValueErrors(String hex, String expected, String found) {
        WspReader r = readerAfterPrefix(hex);
        assertMalformed(() -> r.readIntegerValue(FIELD), FIELD, 2, expected, found);
    }

    // ---------------------------------------------------------------- value-length

    /** Lengths up to 30 take one octet; 31 and above need the 0x1F length-quote and a uintvar. */
    @ParameterizedTest(name = "[{index}] {0} <-> {1}")
    @CsvSource({
        "0,     00",
        "1,     01",
        "30,    1E",
        "31,    1F 1F",
        "127,   1F 7F",
        "128,   1F 81 00",
        "16384, 1F 81 80 00",
    })
    void valueLength(int length, String hex) {
        WspReader r = reader(hex + "AB".repeat(length));
        assertEquals(length, r.readValueLength(FIELD));
        assertEquals(length(hex), r.position());
        assertEquals(norm(hex), text(new WspWriter().writeValueLength(length).toByteArray()));
    }

    @ParameterizedTest(name = "[{index}] {1} -> {0}")
    @CsvSource({"0, 1F 00", "30, 1F 1E", "5, 1F 80 05"})
    void valueLengthInLongFormIsRead(int length, String hex) {
        WspReader r = reader(hex + "AB".repeat(length));
        assertEquals(length, r.readValueLength(FIELD));
        assertEquals(length(hex), r.position());
    }

    @ParameterizedTest(name = "[{index}] {0}: {3}")
    @CsvSource({
        "05 01 02,             2, a value-length within the 2 remaining octets, 5",
        "1E,                   2, a value-length within the 0 remaining octets, 30",
        "1F 8F FF FF FF 7F 01, 2, a value-length within the 1 remaining octets, 4294967295",
        "1F 88 80 80 80 00,    2, a value-length within the 0 remaining octets, 2147483648",
        "20,                   2, value-length (0x00-0x1F),                     0x20",
        "80,                   2, value-length (0x00-0x1F),                     0x80",
        "'',                   2, an octet,                                     end of input",
        // the length after 0x1F is a uintvar of its own: its errors point at it
        "1F,                   3, uintvar,                                      end of input after 0 octets",
        "1F 90 80 80 80 00,    3, uintvar at most 4294967295,                   4294967296",
    })
    void valueLengthErrors(String hex, long offset, String expected, String found) {
        WspReader r = readerAfterPrefix(hex);
        assertMalformed(() -> r.readValueLength(FIELD), FIELD, offset, expected, found);
    }

    @Test
    void valueLengthWriterRefusesNegative() {
        assertThrows(IllegalArgumentException.class, () -> new WspWriter().writeValueLength(-1));
    }

    // ---------------------------------------------------------------- text-string

    /** The 0x7F quote is written exactly when the first octet is 0x80 or above. */
    @ParameterizedTest(name = "[{index}] ''{0}'' <-> {1}")
    @CsvSource({
        "'',          00",
        "abc,         61 62 63 00",
        "é,           7F C3 A9 00",
        "€1,          7F E2 82 AC 31 00",
        "a€,          61 E2 82 AC 00",
    })
    void textString(String value, String hex) {
        WspReader r = reader(hex + TRAILER);
        assertEquals(value, r.readTextString(FIELD));
        assertEquals(length(hex), r.position());
        assertEquals(norm(hex), text(new WspWriter().writeTextString(value).toByteArray()));
    }

    @ParameterizedTest(name = "[{index}] {0} -> ''{1}''")
    @CsvSource({
        "7F 61 00, a",  // a quote before an ASCII octet is not needed, but harmless
        "7F 00,    ''",
        "7F E9 00, é",  // not UTF-8: read as ISO-8859-1
    })
    void textStringDecodeOnly(String hex, String value) {
        WspReader r = reader(hex + TRAILER);
        assertEquals(value, r.readTextString(FIELD));
        assertEquals(length(hex), r.position());
    }

    @Test
    void textBytesLeaveOutQuoteAndNul() {
        WspReader r = reader("7F C3 A9 00");
        assertEquals(Bytes.fromHex("C3A9"), r.readTextBytes(FIELD));
        assertEquals(4, r.position());
    }

    /** An unterminated string names the field and the offset where the string (its quote included) starts. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "61 62 63,  end of input after 3 octets",
        "7F C3 A9,  end of input after 3 octets",
        "7F,        end of input after 1 octets",
        "'',        end of input after 0 octets",
    })
    void textStringUnterminated(String hex, String found) {
        WspReader r = readerAfterPrefix(hex);
        assertMalformed(() -> r.readTextString(FIELD), FIELD, 2, "NUL-terminated text", found);
    }

    @Test
    void textStringAtTheLimitIsRead() {
        WspReader r = new WspReader(bytes("61 62 63 64 00"), CodecLimits.DEFAULTS.withMaxStringLength(4));
        assertEquals("abcd", r.readTextString(FIELD));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "61 62 63 64 65 00",
        "7F C3 A9 C3 A9 C3 00",
        // the limit holds even when no NUL ever comes
        "61 62 63 64 65 66 67 68",
    })
    void textStringOverTheLimit(String hex) {
        WspReader r = new WspReader(bytes(PREFIX + hex), CodecLimits.DEFAULTS.withMaxStringLength(4));
        r.skip("prefix", 2);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> r.readTextString(FIELD));
        assertError(e, FIELD, 2, "at most 4 (maxStringLength)", "5");
    }

    /**
     * {@code readTextBytes} bounds its scan in long: maxStringLength = Integer.MAX_VALUE ("no limit")
     * must not overflow into reading every text-string as "".
     */
    @Test
    void textStringWithTheLargestLimit() {
        WspReader r = new WspReader(bytes("61 62 63 00" + TRAILER),
                CodecLimits.DEFAULTS.withMaxStringLength(Integer.MAX_VALUE));
        assertEquals("abc", r.readTextString(FIELD));
        assertEquals(4, r.position());
    }

    @Test
    void textStringWriterRefusesNul() {
        assertThrows(IllegalArgumentException.class, () -> new WspWriter().writeTextString("a\u0000b"));
    }

    // ---------------------------------------------------------------- quoted-string

    @ParameterizedTest(name = "[{index}] ''{0}'' <-> {1}")
    @CsvSource({
        "'',           22 00",
        "<a>,          22 3C 61 3E 00",
        "<smil>,       22 3C 73 6D 69 6C 3E 00",
    })
    void quotedString(String value, String hex) {
        WspReader r = reader(hex + TRAILER);
        assertEquals(value, r.readQuotedString(FIELD));
        assertEquals(length(hex), r.position());
        assertEquals(norm(hex), text(new WspWriter().writeQuotedString(value).toByteArray()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "61 00, quoted-string (0x22), 0x61",
        "'',    an octet,             end of input",
    })
    void quotedStringWithoutQuote(String hex, String expected, String found) {
        WspReader r = readerAfterPrefix(hex);
        assertMalformed(() -> r.readQuotedString(FIELD), FIELD, 2, expected, found);
    }

    /**
     * The string starts at its 0x22, as a text-string starts at its 0x7F quote (see
     * {@link #textStringUnterminated}), and the error names the offset of the 0x22.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"22 61", "22"})
    void quotedStringUnterminated(String hex) {
        WspReader r = readerAfterPrefix(hex);
        MalformedPduException e = assertThrows(MalformedPduException.class, () -> r.readQuotedString(FIELD));
        assertAll(
                () -> assertEquals(FIELD, e.field(), "field"),
                () -> assertEquals(2, e.offset(), "offset"),
                () -> assertEquals("NUL-terminated text", e.expected(), "expected"));
    }

    @Test
    void quotedStringOverTheLimit() {
        WspReader r = new WspReader(bytes(PREFIX + "22 61 62 63 64 65 00"), CodecLimits.DEFAULTS.withMaxStringLength(4));
        r.skip("prefix", 2);
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> r.readQuotedString(FIELD));
        assertAll(
                () -> assertEquals(FIELD, e.field(), "field"),
                () -> assertEquals("at most 4 (maxStringLength)", e.expected(), "expected"),
                () -> assertEquals("5", e.found(), "found"));
    }

    // ---------------------------------------------------------------- octets and sub-readers

    @Test
    void readBytesPastTheEnd() {
        WspReader r = readerAfterPrefix("01 02 03");
        assertMalformed(() -> r.readBytes("data", 4), "data", 2, "4 octets", "end of input after 3 octets");
    }

    @Test
    void subReaderStopsAtItsLength() {
        WspReader r = readerAfterPrefix("01 02 03 04");
        WspReader sub = r.sub("value", 2);
        assertEquals(4, r.position());
        assertAll(
                () -> assertMalformed(() -> sub.readBytes("data", 3), "data", 2, "3 octets",
                        "end of input after 2 octets"),
                () -> assertMalformed(() -> sub.readTextString("text"), "text", 2, "NUL-terminated text",
                        "end of input after 2 octets"));
        sub.skip("value", 2);
        assertMalformed(() -> sub.readOctet("next"), "next", 4, "an octet", "end of input");
    }

    @Test
    void subPastTheEnd() {
        WspReader r = readerAfterPrefix("01 02");
        assertMalformed(() -> r.sub("value", 3), "value", 2, "3 octets", "end of input after 2 octets");
    }

    // ---------------------------------------------------------------- helpers

    private static void assertMalformed(Executable read, String field, long offset, String expected, String found) {
        MalformedPduException e = assertThrows(MalformedPduException.class, read);
        assertError(e, field, offset, expected, found);
    }

    private static void assertError(MalformedPduException e, String field, long offset, String expected,
            String found) {
        assertAll(e.getMessage(),
                () -> assertEquals(field, e.field(), "field"),
                () -> assertEquals(offset, e.offset(), "offset"),
                () -> assertEquals(expected, e.expected(), "expected"),
                () -> assertEquals(found, e.found(), "found"),
                () -> assertEquals(field + " at offset " + offset + ": expected " + expected + ", found " + found,
                        e.getMessage(), "message"));
    }

    private static WspReader reader(String hex) {
        return new WspReader(bytes(hex), CodecLimits.DEFAULTS);
    }

    private static WspReader readerAfterPrefix(String hex) {
        WspReader r = reader(PREFIX + hex);
        r.skip("prefix", 2);
        return r;
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    private static int length(String hex) {
        return bytes(hex).length;
    }

    private static String norm(String hex) {
        return hex.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
    }

    private static String text(byte[] octets) {
        return HexFormat.of().withUpperCase().formatHex(octets);
    }
}
