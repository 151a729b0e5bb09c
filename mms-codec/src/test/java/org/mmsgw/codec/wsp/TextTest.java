package org.mmsgw.codec.wsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void asciiIsReadAsItIs() {
        byte[] octets = "+4915112345678/TYPE=PLMN".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Optional.of("+4915112345678/TYPE=PLMN"), Text.utf8(octets, 0, octets.length));
        assertEquals("+4915112345678/TYPE=PLMN", Text.decode(octets, 0, octets.length));
    }

    @Test
    void onlyTheGivenRangeIsRead() {
        byte[] octets = {(byte) 0xC3, 'a', 'b', 'c', (byte) 0xFF};
        assertEquals(Optional.of("abc"), Text.utf8(octets, 1, 3));
        assertEquals("", Text.decode(octets, 1, 0));
    }

    @Test
    void validUtf8IsReadAsUtf8() {
        byte[] octets = "Grüße, 東京 😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.of("Grüße, 東京 😀"), Text.utf8(octets, 0, octets.length));
        assertEquals("Grüße, 東京 😀", Text.decode(octets, 0, octets.length));
    }

    @Test
    void anythingElseIsLatin1() {
        byte[] octets = "Grüße".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(Text.utf8(octets, 0, octets.length).isEmpty());
        assertEquals("Grüße", Text.decode(octets, 0, octets.length));
    }

    @Test
    void aCutMultiOctetSequenceIsNotUtf8() {
        byte[] octets = "ab€".getBytes(StandardCharsets.UTF_8);
        assertTrue(Text.utf8(octets, 0, octets.length - 1).isEmpty());
        assertEquals(new String(octets, 0, octets.length - 1, StandardCharsets.ISO_8859_1),
                Text.decode(octets, 0, octets.length - 1));
    }

    @Test
    void controlOctetsBelow0x80StayAscii() {
        byte[] octets = {'a', 0x01, 0x7F, 'b'};
        assertEquals(Optional.of("a\u0001\u007Fb"), Text.utf8(octets, 0, octets.length));
    }
}
