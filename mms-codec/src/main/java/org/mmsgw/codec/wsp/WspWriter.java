package org.mmsgw.codec.wsp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes WSP primitives (WAP-230-WSP §8.4.2) in their canonical form: the shortest length encodings,
 * Short-integer wherever the value fits.
 */
public final class WspWriter {
    private byte[] buf;
    private int size;

    public WspWriter() {
        this(256);
    }

    public WspWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return size == buf.length ? buf : Arrays.copyOf(buf, size);
    }

    public WspWriter writeOctet(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    public WspWriter writeBytes(byte[] octets) {
        return writeBytes(octets, 0, octets.length);
    }

    public WspWriter writeBytes(byte[] octets, int offset, int length) {
        ensure(length);
        System.arraycopy(octets, offset, buf, size, length);
        size += length;
        return this;
    }

    public WspWriter writeBytes(Bytes octets) {
        ensure(octets.length());
        octets.copyTo(buf, size);
        size += octets.length();
        return this;
    }

    public WspWriter writeBytes(WspWriter other) {
        return writeBytes(other.buf, 0, other.size);
    }

    public WspWriter writeUintvar(long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("uintvar out of range: " + value);
        }
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int group = (int) (value >>> (7 * i)) & 0x7F;
            writeOctet(i == 0 ? group : group | 0x80);
        }
        return this;
    }

    public static int uintvarSize(long value) {
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            groups++;
        }
        return groups;
    }

    public WspWriter writeShortInteger(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("short-integer out of range: " + value);
        }
        return writeOctet(0x80 | value);
    }

    public WspWriter writeLongInteger(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("long-integer must not be negative: " + value);
        }
        int length = 1;
        for (long v = value >>> 8; v != 0; v >>>= 8) {
            length++;
        }
        writeOctet(length);
        for (int i = length - 1; i >= 0; i--) {
            writeOctet((int) (value >>> (8 * i)));
        }
        return this;
    }

    public WspWriter writeIntegerValue(long value) {
        return value <= 127 && value >= 0 ? writeShortInteger((int) value) : writeLongInteger(value);
    }

    public WspWriter writeValueLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative value-length " + length);
        }
        if (length <= 30) {
            return writeOctet(length);
        }
        writeOctet(0x1F);
        return writeUintvar(length);
    }

    /** Writes {@code value} preceded by its Value-length. */
    public WspWriter writeWithValueLength(WspWriter value) {
        writeValueLength(value.size);
        return writeBytes(value);
    }

    /**
     * Text-string: the UTF-8 octets, then NUL. A 0x7F quote goes first when the first octet is 0x80 or
     * above (WSP §8.4.2.1), and also when the text is empty or starts with a control octet or 0x7F,
     * which a reader would otherwise take for another form (a length, a quote).
     */
    public WspWriter writeTextString(String text) {
        return writeTextBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public WspWriter writeTextBytes(byte[] octets) {
        for (byte b : octets) {
            if (b == 0) {
                throw new IllegalArgumentException("text-string must not contain NUL");
            }
        }
        if (needsQuote(octets)) {
            writeOctet(0x7F);
        }
        writeBytes(octets);
        return writeOctet(0);
    }

    static boolean needsQuote(byte[] octets) {
        if (octets.length == 0) {
            return false;
        }
        int first = octets[0] & 0xFF;
        return first >= 0x80 || first < 0x20 || first == 0x7F;
    }

    /** Text-string that may be empty where a lone NUL would be misread (a header name, a media type). */
    public WspWriter writeNonEmptyTextString(String text) {
        return writeNonEmptyText(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text header value in the octets it was read from (UTF-8 or ISO-8859-1). */
    public WspWriter writeNonEmptyText(HeaderValue.Text text) {
        return writeNonEmptyText(text.octets());
    }

    private WspWriter writeNonEmptyText(byte[] octets) {
        if (octets.length == 0) {
            return writeOctet(0x7F).writeOctet(0);
        }
        return writeTextBytes(octets);
    }

    /** Quoted-string: 0x22, the octets, NUL. */
    public WspWriter writeQuotedString(String text) {
        writeOctet('"');
        byte[] octets = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : octets) {
            if (b == 0) {
                throw new IllegalArgumentException("quoted-string must not contain NUL");
            }
        }
        writeBytes(octets);
        return writeOctet(0);
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            long wanted = Math.max((long) buf.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("PDU too large to encode: " + wanted);
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
