package org.mmsgw.codec.wsp;

import java.util.Locale;
import java.util.Objects;

/**
 * One content-type or disposition parameter (WAP-230-WSP §8.4.2.4).
 *
 * @param code  the well-known parameter code (Table 38), or {@link #UNTYPED} for a textual name
 * @param name  the parameter name in lower case
 * @param value a {@link String} (text values, media types) or a {@link Long} (charset MIBenum, integers)
 */
public record Parameter(int code, String name, Object value) {
    public static final int UNTYPED = -1;
    public static final int CHARSET = 0x01;
    public static final int TYPE_INTEGER = 0x03;
    public static final int NAME = 0x05;
    public static final int FILENAME = 0x06;
    public static final int TYPE = 0x09;
    public static final int START = 0x0A;
    public static final int START_INFO = 0x0B;

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!(value instanceof String || value instanceof Long)) {
            throw new IllegalArgumentException("parameter value must be String or Long: " + value.getClass());
        }
    }

    /** A parameter by name, with the code real MMS encoders use for it (the WSP 1.1-1.2 codes). */
    public static Parameter of(String name, Object value) {
        String lower = name.toLowerCase(Locale.ROOT);
        int code = switch (lower) {
            case "charset" -> CHARSET;
            case "name" -> NAME;
            case "filename" -> FILENAME;
            case "type" -> value instanceof Long ? TYPE_INTEGER : TYPE;
            case "start" -> START;
            case "start-info" -> START_INFO;
            default -> UNTYPED;
        };
        Object v = code == CHARSET && value instanceof String s
                ? (Object) Long.valueOf(Charsets.mibEnum(s).orElseThrow(
                        () -> new IllegalArgumentException("unknown charset " + s)))
                : value;
        return new Parameter(code, lower, v);
    }

    public static Parameter charset(long mibEnum) {
        return new Parameter(CHARSET, "charset", mibEnum);
    }

    /** The value as text: charsets by their IANA name, numbers in decimal. */
    public String text() {
        if (code == CHARSET && value instanceof Long mib) {
            return Charsets.name(mib);
        }
        return value.toString();
    }
}
