package org.mmsgw.codec.wsp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Encoded-string-value (OMA-MMS-ENC §7.2.9, WAP-230-WSP §8.4.2.1): a Text-string, or a Value-length,
 * a charset MIBenum and the text in that charset. The octets are kept as sent, so a charset this
 * codec cannot decode still survives a round trip.
 *
 * @param charset the MIBenum, or {@link #NO_CHARSET} when the value was a plain Text-string
 * @param octets  the text octets, without quote or NUL
 */
public record EncodedString(long charset, Bytes octets) {
    public static final long NO_CHARSET = -1;

    public EncodedString {
        Objects.requireNonNull(octets, "octets");
    }

    /** A plain Text-string when {@code text} is ASCII, else UTF-8 with its charset. */
    public static EncodedString of(String text) {
        boolean ascii = text.chars().allMatch(c -> c < 0x80);
        return new EncodedString(ascii ? NO_CHARSET : Charsets.UTF_8,
                Bytes.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code text} in the charset of MIBenum {@code charset}, which Java must know. */
    public static EncodedString of(String text, long charset) {
        java.nio.charset.Charset cs = Charsets.forMib(charset)
                .orElseThrow(() -> new IllegalArgumentException("charset not supported: " + Charsets.name(charset)));
        return new EncodedString(charset, Bytes.wrap(text.getBytes(cs)));
    }

    public boolean hasCharset() {
        return charset != NO_CHARSET;
    }

    /** The text, when its charset is known (no charset: read as {@link Text#decode}). */
    public Optional<String> decoded() {
        byte[] raw = octets.toByteArray();
        if (!hasCharset()) {
            return Optional.of(Text.decode(raw, 0, raw.length));
        }
        return Charsets.forMib(charset).map(cs -> new String(raw, cs));
    }

    /** The text, or a marker naming the charset that could not be decoded. */
    public String text() {
        return decoded().orElseGet(() -> "[" + octets.length() + " octets in " + Charsets.name(charset) + "]");
    }

    @Override
    public String toString() {
        return hasCharset() ? text() + " (" + Charsets.name(charset) + ")" : text();
    }
}
