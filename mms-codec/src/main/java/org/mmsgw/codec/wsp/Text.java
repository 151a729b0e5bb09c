package org.mmsgw.codec.wsp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** How the codec turns the octets of a WSP Text-string into a Java string. */
public final class Text {
    private Text() {
    }

    /**
     * WSP TEXT has no declared charset. Phones write UTF-8 or ISO-8859-1; valid UTF-8 is read as
     * UTF-8 (ASCII included), anything else as ISO-8859-1, which cannot fail.
     */
    public static String decode(byte[] buf, int offset, int length) {
        return utf8(buf, offset, length).orElseGet(() -> new String(buf, offset, length, StandardCharsets.ISO_8859_1));
    }

    /** The octets as UTF-8, empty when they are not valid UTF-8. */
    public static java.util.Optional<String> utf8(byte[] buf, int offset, int length) {
        if (ascii(buf, offset, length)) {
            // the common case (numbers, ids, addresses, most subjects): no decoder to make
            return java.util.Optional.of(new String(buf, offset, length, StandardCharsets.US_ASCII));
        }
        try {
            return java.util.Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, offset, length))
                    .toString());
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean ascii(byte[] buf, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (buf[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** A printable rendering of a found value for error messages: hex octet or a short quote. */
    public static String octet(int value) {
        return String.format("0x%02X", value);
    }
}
