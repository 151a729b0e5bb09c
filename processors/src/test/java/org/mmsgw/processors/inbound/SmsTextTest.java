package org.mmsgw.processors.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** data_coding by SMPP 3.4 §5.2.19 and the 0xF0 group of 3GPP TS 23.038 §4. */
class SmsTextTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /**
     * The same octets read differently by coding: 0x40 is '¡' in GSM 7-bit but '@' in IA5 and Latin-1;
     * 0xA4 is '¤' in Latin-1 (Latin-9 would make it '€').
     */
    @ParameterizedTest(name = "data_coding {0}: {1}")
    @CsvSource(value = {
        "0 | 48 61 6C 6C 6F 20 1B 65 40      | Hallo \u20AC\u00A1",
        "1 | 48 69 40 7E                     | Hi@~",
        "3 | 47 72 FC DF 65 40 A4            | Gr\u00FC\u00DFe@\u00A4",
        "8 | 00 48 00 69 00 20 D8 3D DE 00   | Hi \uD83D\uDE00",
        "8 | 04 1F 04 40 04 38               | \u041F\u0440\u0438",
    }, delimiter = '|')
    void decodesTextCodings(int coding, String octets, String text) {
        assertEquals(Optional.of(text), SmsText.decode(coding, hex(octets)));
    }

    @Test
    void gsmDefaultIsOneSeptetAnOctetNotPacked() {
        // "Hi" packed would be C8 34; unpacked it is 48 69
        assertEquals(Optional.of("Hi"), SmsText.decode(0, hex("48 69")));
    }

    @Test
    void ia5OctetAboveSevenBitsIsReplacementCharacter() {
        assertEquals(Optional.of("a\uFFFDb"), SmsText.decode(1, hex("61 E9 62")));
    }

    @Test
    void ucs2OddLastOctetIsDropped() {
        assertEquals(Optional.of("Hi"), SmsText.decode(8, hex("00 48 00 69 00")));
        assertEquals(Optional.of(""), SmsText.decode(8, hex("41")));
        assertEquals(Optional.of("\uD83D\uDE00"), SmsText.decode(8, hex("D8 3D DE 00 20")));
    }

    @ParameterizedTest(name = "data_coding {0}")
    @ValueSource(ints = {0, 1, 3, 8})
    void emptyUserDataIsEmptyText(int coding) {
        assertEquals(Optional.of(""), SmsText.decode(coding, new byte[0]));
    }

    /** 0xF0 group: bit 2 chooses GSM 7-bit (0) or 8-bit data (1); bits 0-1 are the message class. */
    @ParameterizedTest(name = "data_coding 0x{0}")
    @ValueSource(strings = {"F0", "F1", "F2", "F3", "F8", "FB"})
    void groupF0WithDefaultAlphabetIsGsm(String coding) {
        assertEquals(Optional.of("\u00A1A"), SmsText.decode(Integer.parseInt(coding, 16), hex("40 41")));
    }

    @ParameterizedTest(name = "data_coding 0x{0}")
    @ValueSource(strings = {"F4", "F5", "F6", "F7", "FC", "FF"})
    void groupF0WithEightBitDataIsNoText(String coding) {
        assertEquals(Optional.empty(), SmsText.decode(Integer.parseInt(coding, 16), hex("40 41")));
    }

    /** Binary (2, 4) and codings the gateway does not read (JIS, Cyrillic, Hebrew, pictogram, ...). */
    @ParameterizedTest(name = "data_coding 0x{0}")
    @ValueSource(strings = {"02", "04", "05", "06", "07", "09", "0A", "0D", "0E", "C0", "E0"})
    void otherCodingsAreNoText(String coding) {
        assertEquals(Optional.empty(), SmsText.decode(Integer.parseInt(coding, 16), hex("40 41")));
    }
}
