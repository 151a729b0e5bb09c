package org.mmsgw.codec.wsp;

import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;
import org.mmsgw.codec.MalformedPduException;

/**
 * A cursor over WSP-encoded octets (WAP-230-WSP §8.4.2). Every read names the field it reads, so an
 * error says where and what; positions are offsets in the array the decoder was given.
 * Reads never go past {@link #limit()}, which a value-length can narrow with {@link #sub}.
 */
public final class WspReader {
    private static final int QUOTE = 0x7F;
    private static final int LENGTH_QUOTE = 0x1F;

    private final byte[] buf;
    private final int limit;
    private final CodecLimits limits;
    private int pos;

    public WspReader(byte[] buf, int offset, int limit, CodecLimits limits) {
        if (offset < 0 || limit > buf.length || offset > limit) {
            throw new IndexOutOfBoundsException("range " + offset + ".." + limit + " outside " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.limit = limit;
        this.limits = limits;
    }

    public WspReader(byte[] buf, CodecLimits limits) {
        this(buf, 0, buf.length, limits);
    }

    public CodecLimits limits() {
        return limits;
    }

    public int position() {
        return pos;
    }

    public int limit() {
        return limit;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    /** The next octet, not consumed. */
    public int peek(String field) {
        need(field, 1, "an octet");
        return buf[pos] & 0xFF;
    }

    public int readOctet(String field) {
        need(field, 1, "an octet");
        return buf[pos++] & 0xFF;
    }

    /** Uintvar: 7-bit groups, most significant first, at most 5 octets, value at most 2^32-1. */
    public long readUintvar(String field) {
        int start = pos;
        long value = 0;
        for (int i = 0; i < 5; i++) {
            if (pos >= limit) {
                throw malformed(field, start, "uintvar", "end of input after " + i + " octets");
            }
            int b = buf[pos++] & 0xFF;
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                if (value > 0xFFFF_FFFFL) {
                    throw malformed(field, start, "uintvar at most 4294967295", String.valueOf(value));
                }
                return value;
            }
        }
        throw malformed(field, start, "uintvar of at most 5 octets", "continuation bit on octet 5");
    }

    /** A uintvar that counts octets that follow: it must not point past the end. */
    public int readUintvarLength(String field) {
        int start = pos;
        long length = readUintvar(field);
        if (length > remaining()) {
            throw malformed(field, start, "a length within the " + remaining() + " remaining octets", String.valueOf(length));
        }
        return (int) length;
    }

    /** Short-integer: one octet with the top bit set, value 0..127. */
    public int readShortInteger(String field) {
        int start = pos;
        int b = readOctet(field);
        if ((b & 0x80) == 0) {
            throw malformed(field, start, "short-integer (0x80-0xFF)", Text.octet(b));
        }
        return b & 0x7F;
    }

    /** Long-integer: Short-length (1..30) then that many big-endian octets; at most 8 fit a long here. */
    public long readLongInteger(String field) {
        int start = pos;
        int length = readOctet(field);
        if (length == 0 || length > 30) {
            throw malformed(field, start, "long-integer length 1-30", String.valueOf(length));
        }
        if (length > 8) {
            throw malformed(field, start, "long-integer of at most 8 octets", length + " octets");
        }
        if (length > remaining()) {
            throw malformed(field, start, "long-integer of " + length + " octets", "end of input after " + remaining());
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (buf[pos++] & 0xFF);
        }
        if (value < 0) {
            throw malformed(field, start, "long-integer at most 2^63-1", "a 64-bit value with the top bit set");
        }
        return value;
    }

    /** Integer-value: Short-integer or Long-integer. */
    public long readIntegerValue(String field) {
        int b = peek(field);
        return (b & 0x80) != 0 ? readShortInteger(field) : readLongInteger(field);
    }

    /** Value-length: 0..30 in one octet, or 31 followed by a uintvar; never past the end. */
    public int readValueLength(String field) {
        int start = pos;
        int b = readOctet(field);
        long length;
        if (b < LENGTH_QUOTE) {
            length = b;
        } else if (b == LENGTH_QUOTE) {
            length = readUintvar(field);
        } else {
            throw malformed(field, start, "value-length (0x00-0x1F)", Text.octet(b));
        }
        if (length > remaining()) {
            throw malformed(field, start, "a value-length within the " + remaining() + " remaining octets",
                    String.valueOf(length));
        }
        return (int) length;
    }

    /** True when the next octet starts a Value-length (0x00-0x1F). */
    public boolean atValueLength(String field) {
        return peek(field) <= LENGTH_QUOTE;
    }

    /** Text-string: optional 0x7F quote, octets, NUL. Returns the octets without quote and NUL. */
    public Bytes readTextBytes(String field) {
        return readTextBytes(field, pos);
    }

    /** {@code start}: where the field began, for errors (before a quote character already consumed). */
    private Bytes readTextBytes(String field, int start) {
        if (pos < limit && (buf[pos] & 0xFF) == QUOTE) {
            pos++;
        }
        int from = pos;
        int end = from;
        int max = (int) Math.min(limit, (long) from + limits.maxStringLength() + 1);
        while (end < max && buf[end] != 0) {
            end++;
        }
        if (end == max && end < limit) {
            throw new LimitExceededException(field, start, "maxStringLength", limits.maxStringLength(), end - from);
        }
        if (end >= limit) {
            throw malformed(field, start, "NUL-terminated text", "end of input after " + (end - start) + " octets");
        }
        pos = end + 1;
        return Bytes.wrap(buf, from, end - from);
    }

    public String readTextString(String field) {
        Bytes text = readTextBytes(field);
        return Text.decode(buf, pos - 1 - text.length(), text.length());
    }

    /** Text-string as a header value that remembers whether its octets were UTF-8 or ISO-8859-1. */
    public HeaderValue.Text readText(String field) {
        Bytes text = readTextBytes(field);
        int from = pos - 1 - text.length();
        return Text.utf8(buf, from, text.length()).map(HeaderValue.Text::new)
                .orElseGet(() -> new HeaderValue.Text(new String(buf, from, text.length(),
                        java.nio.charset.StandardCharsets.ISO_8859_1), true));
    }

    /** Quoted-string: 0x22, octets, NUL (the closing quote is implied). */
    public String readQuotedString(String field) {
        int start = pos;
        int b = readOctet(field);
        if (b != '"') {
            throw malformed(field, start, "quoted-string (0x22)", Text.octet(b));
        }
        Bytes text = readTextBytes(field, start);
        return Text.decode(buf, pos - 1 - text.length(), text.length());
    }

    /** The next {@code length} octets as a view of the input. */
    public Bytes readBytes(String field, int length) {
        need(field, length, length + " octets");
        Bytes bytes = Bytes.wrap(buf, pos, length);
        pos += length;
        return bytes;
    }

    /** A reader over the next {@code length} octets; this reader moves past them. */
    public WspReader sub(String field, int length) {
        need(field, length, length + " octets");
        WspReader sub = new WspReader(buf, pos, pos + length, limits);
        pos += length;
        return sub;
    }

    public void skip(String field, int length) {
        need(field, length, length + " octets");
        pos += length;
    }

    /** The octets from {@code from} to the current position, as a view. */
    public Bytes since(int from) {
        return Bytes.wrap(buf, from, pos - from);
    }

    public MalformedPduException malformed(String field, int offset, String expected, String found) {
        return new MalformedPduException(field, offset, expected, found);
    }

    private void need(String field, int count, String expected) {
        if (count > limit - pos) {
            throw malformed(field, pos, expected,
                    pos >= limit ? "end of input" : "end of input after " + (limit - pos) + " octets");
        }
    }
}
