package org.mmsgw.codec.sms;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An information element this package does not model (3GPP TS 23.040 §9.2.3.24: a receiver skips
 * IEs it does not support), kept as raw octets so the header re-encodes unchanged.
 *
 * @param iei  the identifier, 0..255, but not one of the modelled 0x00, 0x04, 0x05, 0x08
 * @param data the element data, at most 253 octets (the whole header fits in 255)
 */
public record OtherElement(int iei, byte[] data) implements InformationElement {

    /** Longest data one element can hold inside a header whose length is one octet. */
    public static final int MAX_DATA_LENGTH = 253;

    public OtherElement {
        if (iei < 0 || iei > 0xFF) {
            throw new IllegalArgumentException("iei must be 0..255, was " + iei);
        }
        if (iei == IEI_CONCATENATION_8BIT || iei == IEI_CONCATENATION_16BIT
                || iei == IEI_PORTS_8BIT || iei == IEI_PORTS_16BIT) {
            throw new IllegalArgumentException("iei 0x" + hex(iei) + " is modelled: use Concatenation or PortAddress");
        }
        if (data.length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("data.length must be <= " + MAX_DATA_LENGTH + ", was " + data.length);
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public int encodedLength() {
        return 2 + data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtherElement other && iei == other.iei && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * iei + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "OtherElement[iei=0x" + hex(iei) + ", data=" + HexFormat.of().formatHex(data) + "]";
    }

    private static String hex(int octet) {
        return HexFormat.of().withUpperCase().toHexDigits((byte) octet);
    }
}
