package org.mmsgw.codec.golden;

import java.util.Arrays;

/**
 * Just enough of an SMS-DELIVER TPDU with its SMSC address prefix (3GPP TS 23.040 §9.2.2.1, as
 * AT+CMGR prints it) to get at 8-bit TP-User-Data with a header: SCA, first octet, TP-OA, TP-PID,
 * TP-DCS, TP-SCTS, TP-UDL, TP-UD. Anything else is refused, naming the file and the octet.
 *
 * @param userData TP-UD, first octet UDHL
 */
record SmsDeliverPdu(byte[] userData) {
    private static final int MTI_MASK = 0x03;
    private static final int UDHI = 0x40;
    private static final int SCTS_OCTETS = 7;

    static SmsDeliverPdu parseWithSca(byte[] pdu, String file) {
        int pos = 1 + (pdu[0] & 0xFF);
        int firstOctet = pdu[pos++] & 0xFF;
        if ((firstOctet & MTI_MASK) != 0) {
            throw new IllegalArgumentException(file + ": first octet 0x" + Integer.toHexString(firstOctet)
                    + " is not SMS-DELIVER (TP-MTI 00)");
        }
        if ((firstOctet & UDHI) == 0) {
            throw new IllegalArgumentException(file + ": TP-UDHI not set, so no user data header");
        }
        int digits = pdu[pos++] & 0xFF;
        pos += 1 + (digits + 1) / 2; // type of address, then semi-octets
        pos++; // TP-PID
        int dcs = pdu[pos++] & 0xFF;
        // general data coding group 00xx with alphabet bits 01, or group 1111 with bit 2: 8-bit data
        boolean eightBit = (dcs & 0xC0) == 0 ? (dcs & 0x0C) == 0x04 : (dcs & 0xF0) == 0xF0 && (dcs & 0x04) != 0;
        if (!eightBit) {
            throw new IllegalArgumentException(file + ": TP-DCS 0x" + Integer.toHexString(dcs) + " is not 8-bit data");
        }
        pos += SCTS_OCTETS;
        int udl = pdu[pos++] & 0xFF;
        byte[] userData = Arrays.copyOfRange(pdu, pos, pdu.length);
        if (userData.length != udl) {
            throw new IllegalArgumentException(file + ": TP-UDL " + udl + " but " + userData.length + " octets follow");
        }
        return new SmsDeliverPdu(userData);
    }

    @Override
    public byte[] userData() {
        return userData.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmsDeliverPdu other && Arrays.equals(userData, other.userData);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(userData);
    }

    @Override
    public String toString() {
        return "SmsDeliverPdu[" + userData.length + " octets of TP-UD]";
    }
}
