package org.mmsgw.codec.wsp;

import java.util.Objects;

/**
 * One header: a well-known field code with its spec name, or a textual application header.
 *
 * @param code  the field code without the 0x80 bit, or {@link #APPLICATION} for a textual name
 * @param name  the field name as the spec spells it (or as sent, for application headers)
 * @param value the decoded value
 */
public record Header(int code, String name, HeaderValue value) {
    public static final int APPLICATION = -1;

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (code < APPLICATION || code > 127) {
            throw new IllegalArgumentException("header code out of range: " + code);
        }
    }

    public boolean isApplication() {
        return code == APPLICATION;
    }

    /** The names of every short-integer code, made once: a decoder asks for one per unnamed header. */
    private static final String[] UNKNOWN_NAMES = java.util.stream.IntStream.range(0, 128)
            .mapToObj(Header::hexName).toArray(String[]::new);

    /** Name used for a well-known code that has no name in the table. */
    public static String unknownName(int code) {
        return code >= 0 && code < UNKNOWN_NAMES.length ? UNKNOWN_NAMES[code] : hexName(code);
    }

    private static String hexName(int code) {
        return String.format("0x%02X", code | 0x80);
    }
}
