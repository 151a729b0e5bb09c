package org.mmsgw.codec.wsp;

import java.util.ArrayList;
import java.util.List;

/** Reads and writes Content-type-value and its parameters (WAP-230-WSP §8.4.2.24, §8.4.2.4). */
public final class ContentTypeCodec {
    private ContentTypeCodec() {
    }

    public static ContentType read(WspReader r, String field) {
        int start = r.position();
        int b = r.peek(field);
        if (b >= 0x80) {
            return new ContentType(wellKnown(r, field, r.readShortInteger(field), start), false, List.of());
        }
        if (b >= 0x20) {
            return new ContentType(r.readTextString(field), true, List.of());
        }
        int length = r.readValueLength(field);
        WspReader value = r.sub(field, length);
        int mediaStart = value.position();
        String media;
        boolean textual;
        int m = value.peek(field);
        if (m >= 0x80 || m <= 0x1E) {
            media = wellKnown(value, field, value.readIntegerValue(field), mediaStart);
            textual = false;
        } else {
            media = value.readTextString(field);
            textual = true;
        }
        return new ContentType(media, textual, readParameters(value, field));
    }

    private static String wellKnown(WspReader r, String field, long code, int offset) {
        return WspTables.contentType((int) Math.min(code, Integer.MAX_VALUE)).orElseThrow(
                () -> r.malformed(field, offset, "a well-known content type (0x00-0x52)", "code " + code));
    }

    /** Parameters until the end of {@code r}. */
    public static List<Parameter> readParameters(WspReader r, String field) {
        List<Parameter> parameters = new ArrayList<>();
        while (r.hasRemaining()) {
            if (parameters.size() >= r.limits().maxHeaders()) {
                throw new org.mmsgw.codec.LimitExceededException(field + " parameter", r.position(), "maxHeaders",
                        r.limits().maxHeaders(), parameters.size() + 1);
            }
            parameters.add(readParameter(r, field + " parameter"));
        }
        return parameters;
    }

    static Parameter readParameter(WspReader r, String field) {
        int b = r.peek(field);
        if (b < 0x80) {
            if (b < 0x20) {
                throw r.malformed(field, r.position(), "parameter token or text name", Text.octet(b));
            }
            String name = r.readTextString(field);
            return new Parameter(Parameter.UNTYPED, name.toLowerCase(java.util.Locale.ROOT), untypedValue(r, field));
        }
        int codeOffset = r.position();
        int code = r.readShortInteger(field);
        String name = WspTables.parameter(code).orElseThrow(
                () -> r.malformed(field, codeOffset, "a well-known parameter (Table 38)", Text.octet(code | 0x80)));
        String f = field + " " + name;
        Object value = switch (code) {
            case Parameter.CHARSET -> r.peek(f) >= 0x20 && r.peek(f) < 0x80 ? r.readTextString(f) : (Object) r.readIntegerValue(f);
            case Parameter.TYPE -> r.peek(f) >= 0x80
                    ? wellKnown(r, f, r.readShortInteger(f), r.position() - 1) : r.readTextString(f);
            case 0x00 -> r.readUintvar(f);
            case Parameter.NAME, Parameter.FILENAME, Parameter.START, Parameter.START_INFO, 0x0C, 0x0D, 0x0F ->
                    r.readTextString(f);
            default -> untypedValue(r, f);
        };
        return new Parameter(code, name, value);
    }

    /** Untyped-value and Text-value: Integer-value, No-value, Quoted-string or Text-string. */
    private static Object untypedValue(WspReader r, String field) {
        int b = r.peek(field);
        if (b >= 0x80 || (b >= 0x01 && b <= 0x1E)) {
            return r.readIntegerValue(field);
        }
        if (b == 0x00) {
            r.readOctet(field);
            return "";
        }
        if (b == '"') {
            return r.readQuotedString(field);
        }
        return r.readTextString(field);
    }

    public static void write(WspWriter w, ContentType type) {
        if (type.parameters().isEmpty()) {
            writeMedia(w, type);
            return;
        }
        WspWriter value = new WspWriter(64);
        writeMedia(value, type);
        writeParameters(value, type.parameters());
        w.writeWithValueLength(value);
    }

    private static void writeMedia(WspWriter w, ContentType type) {
        if (type.textual()) {
            w.writeNonEmptyTextString(type.mediaType());
        } else {
            w.writeShortInteger(WspTables.contentTypeCode(type.mediaType()).orElseThrow());
        }
    }

    public static void writeParameters(WspWriter w, List<Parameter> parameters) {
        for (Parameter p : parameters) {
            writeParameter(w, p);
        }
    }

    static void writeParameter(WspWriter w, Parameter p) {
        if (p.code() == Parameter.UNTYPED) {
            w.writeNonEmptyTextString(p.name());
            writeValue(w, p.value(), true);
            return;
        }
        w.writeShortInteger(p.code());
        if (p.code() == Parameter.TYPE && p.value() instanceof String media
                && WspTables.contentTypeCode(media).isPresent()) {
            w.writeShortInteger(WspTables.contentTypeCode(media).get());
        } else if (p.code() == 0x00 && p.value() instanceof Long q) {
            w.writeUintvar(q);
        } else if (p.code() == Parameter.CHARSET && p.value() instanceof String name) {
            // a charset is read as text only when its first octet is text, so never a bare NUL
            w.writeNonEmptyTextString(name);
        } else {
            writeValue(w, p.value(), !TEXT_STRING_CODES.contains(p.code()));
        }
    }

    /** Parameters whose value is read as a plain Text-string (no Quoted-string form). */
    private static final java.util.Set<Integer> TEXT_STRING_CODES = java.util.Set.of(Parameter.NAME,
            Parameter.FILENAME, Parameter.START, Parameter.START_INFO, Parameter.TYPE, Parameter.CHARSET, 0x0C, 0x0D,
            0x0F);

    /** @param quotable the reader takes a leading 0x22 for a Quoted-string (Untyped-value, Text-value) */
    private static void writeValue(WspWriter w, Object value, boolean quotable) {
        if (value instanceof Long n) {
            w.writeIntegerValue(n);
        } else if (quotable && ((String) value).startsWith("\"")) {
            // a reader takes a leading quote for a Quoted-string and drops it: write one more
            w.writeQuotedString((String) value);
        } else {
            w.writeTextString((String) value);
        }
    }
}
