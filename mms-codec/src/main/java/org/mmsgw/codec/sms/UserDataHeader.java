package org.mmsgw.codec.sms;

import java.util.List;
import java.util.Optional;

/**
 * A TP-User-Data header (3GPP TS 23.040 §9.2.3.24): UDHL, then information elements in wire order.
 * At most one concatenation element (IEI 0x00 or 0x08) and one port addressing element (IEI 0x04
 * or 0x05); other elements may repeat.
 *
 * @param elements the information elements, in wire order
 */
public record UserDataHeader(List<InformationElement> elements) {

    /** Most octets after the UDHL octet: the UDHL is one octet. */
    public static final int MAX_LENGTH = 255;

    public UserDataHeader {
        elements = List.copyOf(elements);
        int length = 0;
        int concatenations = 0;
        int ports = 0;
        for (InformationElement element : elements) {
            length += element.encodedLength();
            if (element instanceof Concatenation) {
                concatenations++;
            } else if (element instanceof PortAddress) {
                ports++;
            }
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("header length must be <= " + MAX_LENGTH + ", was " + length);
        }
        if (concatenations > 1) {
            throw new IllegalArgumentException("at most one Concatenation, was " + concatenations);
        }
        if (ports > 1) {
            throw new IllegalArgumentException("at most one PortAddress, was " + ports);
        }
    }

    public static UserDataHeader of(InformationElement... elements) {
        return new UserDataHeader(List.of(elements));
    }

    /**
     * Reads the header at the start of {@code tpUserData} (first octet UDHL). Offsets in errors count
     * from the start of {@code tpUserData}.
     *
     * @throws org.mmsgw.codec.MalformedPduException if the UDHL runs past the end, an element runs past
     *         the UDHL, or a modelled element has the wrong length, a value out of range or a repeat
     */
    public static UserDataHeader parse(byte[] tpUserData) {
        return UserDataHeaderDecoder.decode(tpUserData);
    }

    /** The UDHL value: octets after the UDHL octet. */
    public int length() {
        int length = 0;
        for (InformationElement element : elements) {
            length += element.encodedLength();
        }
        return length;
    }

    /** Octets the header takes on the wire, the UDHL octet included. */
    public int encodedLength() {
        return 1 + length();
    }

    /** The UDHL octet and every element: what {@link #parse} reads. */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        out[0] = (byte) length();
        int pos = 1;
        for (InformationElement element : elements) {
            byte[] data = element.data();
            out[pos] = (byte) element.iei();
            out[pos + 1] = (byte) data.length;
            System.arraycopy(data, 0, out, pos + 2, data.length);
            pos += 2 + data.length;
        }
        return out;
    }

    public Optional<Concatenation> concatenation() {
        return find(Concatenation.class);
    }

    public Optional<PortAddress> ports() {
        return find(PortAddress.class);
    }

    /** Offset of {@code element}'s IEI octet from the start of the TP-User-Data, or -1 if absent. */
    int offsetOf(InformationElement element) {
        int pos = 1;
        for (InformationElement e : elements) {
            if (e == element) {
                return pos;
            }
            pos += e.encodedLength();
        }
        return -1;
    }

    private <T extends InformationElement> Optional<T> find(Class<T> type) {
        for (InformationElement element : elements) {
            if (type.isInstance(element)) {
                return Optional.of(type.cast(element));
            }
        }
        return Optional.empty();
    }
}
