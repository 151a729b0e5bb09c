package org.mmsgw.codec.wsp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable view of a range of octets. The decoders hand out views of the input instead of
 * copies, so a 300 KB image is not copied while a PDU is decoded; the input array must therefore not
 * be changed after it has been given to a decoder.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0], 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A view of the whole array, without a copy: the caller must not change the array afterwards. */
    public static Bytes wrap(byte[] array) {
        return new Bytes(array, 0, array.length);
    }

    /** A view of {@code array[offset, offset+length)} without a copy. */
    public static Bytes wrap(byte[] array, int offset, int length) {
        if (offset < 0 || length < 0 || offset > array.length - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " outside " + array.length);
        }
        return new Bytes(array, offset, length);
    }

    /** A copy of the array, safe against later changes to it. */
    public static Bytes copyOf(byte[] array) {
        return new Bytes(array.clone(), 0, array.length);
    }

    public static Bytes fromHex(String hex) {
        byte[] octets = HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
        return new Bytes(octets, 0, octets.length);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public int get(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return array[offset + index] & 0xFF;
    }

    /** A copy of the octets. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** A read-only buffer over the octets, without a copy. */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
    }

    public void copyTo(byte[] target, int targetOffset) {
        System.arraycopy(array, offset, target, targetOffset, length);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(array, offset, length);
    }

    public String toHex() {
        return HexFormat.of().formatHex(array, offset, offset + length);
    }

    /** Lower-case hex SHA-256 of the octets. */
    public String sha256() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(array, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other
                && Arrays.equals(array, offset, offset + length, other.array, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return length <= 32 ? "Bytes[" + toHex() + "]" : "Bytes[" + length + " octets]";
    }
}
