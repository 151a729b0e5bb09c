package org.mmsgw.codec.wsp;

import java.util.ArrayList;
import java.util.List;

import org.mmsgw.codec.LimitExceededException;

/**
 * WSP headers as they appear in multipart entries and push PDUs (WAP-230-WSP §8.4.2.6): well-known
 * field codes (Table 39) or textual application headers. Fields this codec does not model keep their
 * raw value, read by the general rule of §8.4.1.2 (short-integer, value-length or text).
 */
public final class WspHeaderCodec {
    private static final String[] DISPOSITIONS = {"form-data", "attachment", "inline"};

    private WspHeaderCodec() {
    }

    /** Headers until the end of {@code r}. */
    public static List<Header> read(WspReader r, String block) {
        List<Header> headers = new ArrayList<>();
        while (r.hasRemaining()) {
            if (headers.size() >= r.limits().maxHeaders()) {
                throw new LimitExceededException(block, r.position(), "maxHeaders", r.limits().maxHeaders(),
                        headers.size() + 1);
            }
            headers.add(readHeader(r, block));
        }
        return headers;
    }

    static Header readHeader(WspReader r, String block) {
        int start = r.position();
        int b = r.peek(block);
        if (b < 0x20) {
            throw r.malformed(block + " header", start, "a header field (0x80-0xFF or text)", Text.octet(b));
        }
        if (b < 0x80) {
            String name = r.readTextString(block + " header name");
            return new Header(Header.APPLICATION, name, r.readText(name));
        }
        int code = r.readShortInteger(block);
        String name = WspTables.header(code).orElseGet(() -> Header.unknownName(code));
        return new Header(code, name, readValue(r, code, name));
    }

    private static HeaderValue readValue(WspReader r, int code, String name) {
        int b = r.peek(name);
        switch (code) {
            case WspTables.HEADER_CONTENT_LOCATION, WspTables.HEADER_CONTENT_URI, WspTables.HEADER_INITIATOR_URI:
                if (b >= 0x20 && b < 0x80) {
                    return r.readText(name);
                }
                break;
            case WspTables.HEADER_CONTENT_ID:
                if (b == '"') {
                    return new HeaderValue.Quoted(r.readQuotedString(name));
                }
                if (b >= 0x20 && b < 0x80) {
                    return r.readText(name);
                }
                break;
            case WspTables.HEADER_CONTENT_DISPOSITION, WspTables.HEADER_CONTENT_DISPOSITION_14:
                if (b < 0x1F + 1) {
                    return readDisposition(r, name);
                }
                break;
            case WspTables.HEADER_CONTENT_LENGTH, WspTables.HEADER_PUSH_FLAG:
                if (b >= 0x80 || b <= 0x1E) {
                    return new HeaderValue.Int(r.readIntegerValue(name));
                }
                break;
            case WspTables.HEADER_APPLICATION_ID:
                if (b >= 0x20 && b < 0x80) {
                    return r.readText(name);
                }
                return new HeaderValue.Int(r.readIntegerValue(name));
            default:
                break;
        }
        return new HeaderValue.Raw(readGeneric(r, name));
    }

    private static HeaderValue readDisposition(WspReader r, String name) {
        WspReader value = r.sub(name, r.readValueLength(name));
        int start = value.position();
        String type;
        if (value.peek(name) >= 0x80) {
            int token = value.readShortInteger(name);
            if (token >= DISPOSITIONS.length) {
                throw r.malformed(name, start, "form-data, attachment or inline (0x80-0x82)", Text.octet(token | 0x80));
            }
            type = DISPOSITIONS[token];
        } else {
            type = value.readTextString(name);
        }
        return new HeaderValue.Disposition(type, ContentTypeCodec.readParameters(value, name));
    }

    /** Any value by the general rule: one short-integer octet, value-length and data, or a text-string. */
    public static Bytes readGeneric(WspReader r, String field) {
        int start = r.position();
        int b = r.peek(field);
        if (b >= 0x80) {
            r.readOctet(field);
        } else if (b <= 0x1F) {
            r.skip(field, r.readValueLength(field));
        } else {
            r.readTextBytes(field);
        }
        return r.since(start);
    }

    public static void write(WspWriter w, List<Header> headers) {
        for (Header h : headers) {
            write(w, h);
        }
    }

    public static void write(WspWriter w, Header h) {
        if (h.isApplication()) {
            w.writeNonEmptyTextString(h.name());
            w.writeTextBytes(((HeaderValue.Text) h.value()).octets());
            return;
        }
        w.writeShortInteger(h.code());
        writeValue(w, h.value());
    }

    /** Writes a value in the form its variant implies (shared with the MMS header encoder for the common forms). */
    public static void writeValue(WspWriter w, HeaderValue value) {
        if (value instanceof HeaderValue.Text t) {
            w.writeNonEmptyText(t);
        } else if (value instanceof HeaderValue.Quoted q) {
            w.writeQuotedString(q.text());
        } else if (value instanceof HeaderValue.Int i) {
            w.writeIntegerValue(i.value());
        } else if (value instanceof HeaderValue.Raw raw) {
            w.writeBytes(raw.octets());
        } else if (value instanceof HeaderValue.Disposition d) {
            WspWriter inner = new WspWriter(32);
            int token = java.util.Arrays.asList(DISPOSITIONS).indexOf(d.type());
            if (token >= 0) {
                inner.writeShortInteger(token);
            } else {
                inner.writeTextString(d.type());
            }
            ContentTypeCodec.writeParameters(inner, d.parameters());
            w.writeWithValueLength(inner);
        } else {
            throw new IllegalArgumentException("not a WSP header value: " + value);
        }
    }

    /** Disposition type names, index = token. */
    public static List<String> dispositions() {
        return List.of(DISPOSITIONS);
    }
}
