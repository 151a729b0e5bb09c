package org.mmsgw.codec.mms;

import org.mmsgw.codec.wsp.Bytes;
import org.mmsgw.codec.wsp.EncodedString;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.Text;
import org.mmsgw.codec.wsp.WspHeaderCodec;
import org.mmsgw.codec.wsp.WspReader;
import org.mmsgw.codec.wsp.WspWriter;

/** Reads and writes the value of one MMS header by its field's {@link MmsField.Kind} (OMA-MMS-ENC §7.2-7.3). */
final class MmsHeaderCodec {
    private static final int ABSOLUTE = 0x80;
    private static final int RELATIVE = 0x81;
    private static final int ADDRESS_PRESENT = 0x80;
    private static final int INSERT_ADDRESS = 0x81;

    private MmsHeaderCodec() {
    }

    static HeaderValue read(WspReader r, MmsField field) {
        String name = field.specName();
        int start = r.position();
        return switch (field.kind()) {
            case TEXT -> r.readText(name);
            case ENCODED -> new HeaderValue.Encoded(readEncodedString(r, name));
            case LONG -> new HeaderValue.Int(r.readLongInteger(name));
            case INTEGER -> new HeaderValue.Int(r.readIntegerValue(name));
            case DATE -> new HeaderValue.Date(r.readLongInteger(name));
            case TIME -> readTime(r, name);
            case FROM -> readFrom(r, name);
            case TOKEN -> new HeaderValue.Token(r.readShortInteger(name));
            case TOKEN_OR_TEXT -> r.peek(name) >= 0x80
                    ? new HeaderValue.Token(r.readShortInteger(name)) : r.readText(name);
            case VERSION -> {
                int v = r.readShortInteger(name);
                if ((v >> 4) > 7) {
                    throw r.malformed(name, start, "version major 0-7", Text.octet(v | 0x80));
                }
                yield new HeaderValue.Version(v >> 4, v & 0x0F);
            }
            case PREVIOUSLY_SENT_BY -> {
                WspReader value = r.sub(name, r.readValueLength(name));
                HeaderValue v = new HeaderValue.PreviouslySentBy(value.readIntegerValue(name),
                        readEncodedString(value, name));
                requireEnd(value, name);
                yield v;
            }
            case PREVIOUSLY_SENT_DATE -> {
                WspReader value = r.sub(name, r.readValueLength(name));
                HeaderValue v = new HeaderValue.PreviouslySentDate(value.readIntegerValue(name),
                        value.readLongInteger(name));
                requireEnd(value, name);
                yield v;
            }
            case GENERIC, CONTENT_TYPE -> new HeaderValue.Raw(WspHeaderCodec.readGeneric(r, name));
        };
    }

    /** Encoded-string-value: Text-string, or Value-length Char-set Text-string. */
    static EncodedString readEncodedString(WspReader r, String name) {
        if (r.peek(name) == 0) {
            // an empty Text-string: one NUL, not a Value-length of 0 (there is no charset without text)
            r.readOctet(name);
            return new EncodedString(EncodedString.NO_CHARSET, Bytes.EMPTY);
        }
        if (!r.atValueLength(name)) {
            return new EncodedString(EncodedString.NO_CHARSET, r.readTextBytes(name));
        }
        int start = r.position();
        WspReader value = r.sub(name, r.readValueLength(name));
        long charset = value.readIntegerValue(name + " charset");
        // the text runs to the end of the value: UTF-16 text holds NUL octets of its own
        if (value.hasRemaining() && value.peek(name) == 0x7F) {
            value.readOctet(name);
        }
        int textStart = value.position();
        if (!value.hasRemaining()) {
            throw r.malformed(name, start, "charset and NUL-terminated text", "no text after the charset");
        }
        Bytes all = value.readBytes(name, value.remaining());
        if (all.get(all.length() - 1) != 0) {
            throw r.malformed(name, textStart + all.length() - 1, "NUL at the end of the text",
                    Text.octet(all.get(all.length() - 1)));
        }
        if (all.length() - 1 > r.limits().maxStringLength()) {
            throw new org.mmsgw.codec.LimitExceededException(name, textStart, "maxStringLength",
                    r.limits().maxStringLength(), all.length() - 1);
        }
        byte[] text = all.toByteArray();
        return new EncodedString(charset, Bytes.wrap(text, 0, text.length - 1));
    }

    private static HeaderValue readTime(WspReader r, String name) {
        WspReader value = r.sub(name, r.readValueLength(name));
        int tokenOffset = value.position();
        int token = value.readOctet(name);
        HeaderValue v;
        if (token == ABSOLUTE) {
            v = new HeaderValue.Time(true, value.readLongInteger(name));
        } else if (token == RELATIVE) {
            v = new HeaderValue.Time(false, value.readIntegerValue(name));
        } else {
            throw r.malformed(name, tokenOffset, "absolute (0x80) or relative (0x81) token", Text.octet(token));
        }
        requireEnd(value, name);
        return v;
    }

    private static HeaderValue readFrom(WspReader r, String name) {
        WspReader value = r.sub(name, r.readValueLength(name));
        int tokenOffset = value.position();
        int token = value.readOctet(name);
        HeaderValue v;
        if (token == ADDRESS_PRESENT) {
            v = new HeaderValue.From(readEncodedString(value, name));
        } else if (token == INSERT_ADDRESS) {
            v = HeaderValue.From.INSERT_ADDRESS;
        } else {
            throw r.malformed(name, tokenOffset, "address-present (0x80) or insert-address (0x81) token",
                    Text.octet(token));
        }
        requireEnd(value, name);
        return v;
    }

    private static void requireEnd(WspReader value, String name) {
        if (value.hasRemaining()) {
            throw value.malformed(name, value.position(), "end of the value-length", value.remaining() + " more octets");
        }
    }

    static void write(WspWriter w, MmsField field, HeaderValue value) {
        if (value instanceof HeaderValue.Text t) {
            // MMS text fields are read as text whatever their first octet: an empty one is a lone NUL
            w.writeTextBytes(t.octets());
        } else if (value instanceof HeaderValue.Encoded e) {
            writeEncodedString(w, e.string());
        } else if (value instanceof HeaderValue.Int i) {
            if (field.kind() == MmsField.Kind.LONG) {
                w.writeLongInteger(i.value());
            } else {
                w.writeIntegerValue(i.value());
            }
        } else if (value instanceof HeaderValue.Date d) {
            w.writeLongInteger(d.epochSeconds());
        } else if (value instanceof HeaderValue.Token t) {
            w.writeShortInteger(t.code());
        } else if (value instanceof HeaderValue.Version v) {
            w.writeShortInteger(v.major() << 4 | v.minor());
        } else if (value instanceof HeaderValue.Time t) {
            WspWriter inner = new WspWriter(16);
            inner.writeOctet(t.absolute() ? ABSOLUTE : RELATIVE);
            inner.writeLongInteger(t.value());
            w.writeWithValueLength(inner);
        } else if (value instanceof HeaderValue.From f) {
            WspWriter inner = new WspWriter(32);
            if (f.isInsertAddress()) {
                inner.writeOctet(INSERT_ADDRESS);
            } else {
                inner.writeOctet(ADDRESS_PRESENT);
                writeEncodedString(inner, f.address());
            }
            w.writeWithValueLength(inner);
        } else if (value instanceof HeaderValue.PreviouslySentBy p) {
            WspWriter inner = new WspWriter(32);
            inner.writeIntegerValue(p.count());
            writeEncodedString(inner, p.address());
            w.writeWithValueLength(inner);
        } else if (value instanceof HeaderValue.PreviouslySentDate p) {
            WspWriter inner = new WspWriter(16);
            inner.writeIntegerValue(p.count());
            inner.writeLongInteger(p.epochSeconds());
            w.writeWithValueLength(inner);
        } else {
            WspHeaderCodec.writeValue(w, value);
        }
    }

    static void writeEncodedString(WspWriter w, EncodedString s) {
        byte[] text = s.octets().toByteArray();
        if (!s.hasCharset()) {
            w.writeTextBytes(text);
            return;
        }
        WspWriter inner = new WspWriter(text.length + 8);
        inner.writeIntegerValue(s.charset());
        if (text.length > 0 && ((text[0] & 0x80) != 0 || text[0] == 0x7F)) {
            inner.writeOctet(0x7F);
        }
        inner.writeBytes(text);
        inner.writeOctet(0);
        w.writeWithValueLength(inner);
    }
}
