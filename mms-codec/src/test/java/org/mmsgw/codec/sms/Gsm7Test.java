package org.mmsgw.codec.sms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** 3GPP TS 23.038 §6.2.1 (basic table) and §6.2.1.1 (extension table), one septet an octet. */
class Gsm7Test {

    /**
     * The basic table of TS 23.038 §6.2.1, written out here with code points (not copied from the
     * implementation): index = septet. 0x1B is the escape and has no character of its own.
     */
    private static final char[] TABLE = new char[128];

    static {
        // Where the table agrees with ASCII.
        for (int c = 0x20; c < 0x80; c++) {
            TABLE[c] = (char) c;
        }
        char[] low = {
            '\u0040', '\u00A3', '\u0024', '\u00A5', '\u00E8', '\u00E9', '\u00F9', '\u00EC', // 00-07
            '\u00F2', '\u00C7', '\n', '\u00D8', '\u00F8', '\r', '\u00C5', '\u00E5', // 08-0F
            '\u0394', '\u005F', '\u03A6', '\u0393', '\u039B', '\u03A9', '\u03A0', '\u03A8', // 10-17
            '\u03A3', '\u0398', '\u039E', '\u001B', '\u00C6', '\u00E6', '\u00DF', '\u00C9', // 18-1F
        };
        System.arraycopy(low, 0, TABLE, 0, low.length);
        TABLE[0x24] = '\u00A4'; // currency sign, not '$'
        TABLE[0x40] = '\u00A1'; // inverted exclamation mark, not '@'
        TABLE[0x5B] = '\u00C4';
        TABLE[0x5C] = '\u00D6';
        TABLE[0x5D] = '\u00D1';
        TABLE[0x5E] = '\u00DC';
        TABLE[0x5F] = '\u00A7';
        TABLE[0x60] = '\u00BF';
        TABLE[0x7B] = '\u00E4';
        TABLE[0x7C] = '\u00F6';
        TABLE[0x7D] = '\u00F1';
        TABLE[0x7E] = '\u00FC';
        TABLE[0x7F] = '\u00E0';
    }

    static IntStream basicCodes() {
        return IntStream.range(0, 128).filter(c -> c != 0x1B);
    }

    @ParameterizedTest(name = "septet 0x{0}")
    @MethodSource("basicCodes")
    void decodesEveryBasicSeptet(int code) {
        assertEquals(String.valueOf(TABLE[code]), Gsm7.decode(new byte[] {(byte) code}));
    }

    @ParameterizedTest(name = "septet 0x{0}")
    @MethodSource("basicCodes")
    void encodesEveryBasicCharacterAsOneOctet(int code) {
        assertArrayEquals(new byte[] {(byte) code}, Gsm7.encode(String.valueOf(TABLE[code])));
    }

    @Test
    void wholeBasicTableInOneStringBothWays() {
        byte[] septets = new byte[127];
        StringBuilder text = new StringBuilder();
        int i = 0;
        for (int code = 0; code < 128; code++) {
            if (code != 0x1B) {
                septets[i++] = (byte) code;
                text.append(TABLE[code]);
            }
        }
        assertEquals(127, text.length());
        assertEquals(text.toString(), Gsm7.decode(septets));
        assertArrayEquals(septets, Gsm7.encode(text.toString()));
    }

    /** TS 23.038 §6.2.1.1: every character the extension table defines. */
    @ParameterizedTest(name = "ESC 0x{0} = U+{1}")
    @CsvSource({
        "0A, 000C", // form feed (page break)
        "14, 005E", // ^
        "28, 007B", // {
        "29, 007D", // }
        "2F, 005C", // backslash
        "3C, 005B", // [
        "3D, 007E", // ~
        "3E, 005D", // ]
        "40, 007C", // |
        "65, 20AC", // euro sign
    })
    void extensionCharactersBothWays(String code, String codePoint) {
        byte[] septets = {0x1B, (byte) Integer.parseInt(code, 16)};
        String text = String.valueOf((char) Integer.parseInt(codePoint, 16));

        assertEquals(text, Gsm7.decode(septets));
        assertArrayEquals(septets, Gsm7.encode(text));
    }

    @Test
    void mixedTextIsTheSameOctetsBothWays() {
        byte[] septets = Hex.bytes("61 1B28 62 1B29 20 1B65 35 0A 10 00");
        String text = "a{b} \u20AC5\n\u0394@";

        assertEquals(text, Gsm7.decode(septets));
        assertArrayEquals(septets, Gsm7.encode(text));
    }

    /** §6.2.1.1: a code the extension table lacks reads as the basic table's character; both octets are used. */
    @ParameterizedTest(name = "ESC 0x{0} -> U+{1}")
    @CsvSource({
        "00, 0040", // '@'
        "0D, 000D", // CR2 is no character: CR
        "20, 0020",
        "24, 00A4",
        "41, 0041",
        "61, 0061", // 'a', not the '€' of 0x65
        "64, 0064",
        "66, 0066",
        "7F, 00E0",
        "1B, 0020", // ESC ESC: reserved for another extension table, shown as a space
    })
    void escapeFollowedByUnknownCodeReadsAsBasicCharacter(String code, String codePoint) {
        byte[] septets = {0x41, 0x1B, (byte) Integer.parseInt(code, 16), 0x42};

        assertEquals("A" + (char) Integer.parseInt(codePoint, 16) + "B", Gsm7.decode(septets));
    }

    @Test
    void trailingLoneEscapeReadsAsSpace() {
        assertEquals(" ", Gsm7.decode(new byte[] {0x1B}));
        assertEquals("A ", Gsm7.decode(new byte[] {0x41, 0x1B}));
        // ESC ESC is one space, the third ESC is alone at the end: another space
        assertEquals("  ", Gsm7.decode(new byte[] {0x1B, 0x1B, 0x1B}));
        // an escape that ends the input after a complete escape sequence
        assertEquals("\u20AC ", Gsm7.decode(new byte[] {0x1B, 0x65, 0x1B}));
    }

    @ParameterizedTest(name = "septet 0x{0} with the top bit set")
    @MethodSource("basicCodes")
    void topBitOfEachOctetIsIgnored(int code) {
        assertEquals(String.valueOf(TABLE[code]), Gsm7.decode(new byte[] {(byte) (code | 0x80)}));
    }

    @Test
    void topBitIgnoredOnEscapeAndExtensionCode() {
        assertEquals("[", Gsm7.decode(new byte[] {(byte) 0x9B, 0x3C}));
        assertEquals("\u20AC", Gsm7.decode(new byte[] {0x1B, (byte) 0xE5}));
        assertEquals("\u20AC", Gsm7.decode(new byte[] {(byte) 0x9B, (byte) 0xE5}));
        assertEquals(" ", Gsm7.decode(new byte[] {(byte) 0x9B}));
    }

    @Test
    void emptyBothWays() {
        assertEquals("", Gsm7.decode(new byte[0]));
        assertArrayEquals(new byte[0], Gsm7.encode(""));
    }

    static Stream<Arguments> outsideTheAlphabet() {
        return Stream.of(
                Arguments.of("\u001B", "U+001B"), // the escape is no character of the text
                Arguments.of("`", "U+0060"),
                Arguments.of("\t", "U+0009"),
                Arguments.of("\u00E7", "U+00E7"), // small c cedilla: only the capital is in the table
                Arguments.of("\u2126", "U+2126"), // OHM SIGN, not GREEK CAPITAL LETTER OMEGA
                Arguments.of("\u00E1", "U+00E1"),
                Arguments.of("\u0080", "U+0080"),
                Arguments.of("\u20AD", "U+20AD"),
                Arguments.of("ok\uD83D\uDE00", "U+D83D")); // the first unit of a surrogate pair is named
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("outsideTheAlphabet")
    void encodeRefusesCharacterOutsideTheAlphabet(String text, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gsm7.encode(text));

        assertEquals(named + " is not in the GSM 7-bit alphabet", e.getMessage());
    }

    /**
     * U+0000 is in neither table ('@' is septet 0x00, not U+0000), so encode must refuse it. It writes
     * ESC 0x00 instead, which decodes to '@': extensionCode matches the extension table's "no character"
     * value 0 against the character U+0000.
     */
    @Test
    void encodeRefusesNul() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gsm7.encode("\u0000"));

        assertEquals("U+0000 is not in the GSM 7-bit alphabet", e.getMessage());
    }
}
