package org.mmsgw.codec.sms;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * TP-User-Data with TP-UDHI set and 8-bit data (3GPP TS 23.040 §9.2.3.24): a user data header, then
 * the payload octets (for WDP over SMS, a piece of the datagram, WAP-259-WDP §6.5).
 *
 * <p>The length is not checked against the 140 octets of one SMS here, so user data handed over
 * whole by an SMPP {@code message_payload} also parses; {@link SmsSegmenter} keeps to 140.
 *
 * @param header  the user data header
 * @param payload the octets after the header
 */
public record UserData(UserDataHeader header, byte[] payload) {

    /** Most TP-User-Data octets in one SMS (TS 23.040 §9.2.3.16, 8-bit data). */
    public static final int MAX_OCTETS = 140;

    public UserData {
        Objects.requireNonNull(header, "header");
        payload = payload.clone();
    }

    /**
     * Reads TP-User-Data whose first octet is the UDHL.
     *
     * @throws org.mmsgw.codec.MalformedPduException as {@link UserDataHeader#parse}; offsets count from
     *         the start of {@code tpUserData}
     */
    public static UserData parse(byte[] tpUserData) {
        UserDataHeader header = UserDataHeader.parse(tpUserData);
        return new UserData(header, Arrays.copyOfRange(tpUserData, header.encodedLength(), tpUserData.length));
    }

    /** The header, then the payload. */
    public byte[] encode() {
        byte[] head = header.encode();
        byte[] out = Arrays.copyOf(head, head.length + payload.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload length, without a copy. */
    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserData other && header.equals(other.header) && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "UserData[header=" + header + ", payload=" + HexFormat.of().formatHex(payload) + "]";
    }
}
