package org.mmsgw.codec.sms;

import java.util.Arrays;

/**
 * Just enough of an SMS-DELIVER TPDU with its SMSC address prefix (3GPP TS 23.040 §9.2.2.1, as
 * AT+CMGR prints it) to get at the TP-User-Data: SCA length and SCA, first octet, TP-OA, TP-PID,
 * TP-DCS, TP-SCTS, TP-UDL, TP-UD.
 */
record SmsDeliverTpdu(int firstOctet, String originatingAddress, int dataCodingScheme, byte[] userData) {

    static SmsDeliverTpdu parseWithSca(byte[] pdu) {
        int pos = 1 + (pdu[0] & 0xFF);
        int firstOctet = pdu[pos++] & 0xFF;
        if ((firstOctet & 0x03) != 0x00) {
            throw new IllegalArgumentException("not SMS-DELIVER: first octet " + Integer.toHexString(firstOctet));
        }
        int digits = pdu[pos++] & 0xFF;
        pos++; // type of address
        int addressOctets = (digits + 1) / 2;
        StringBuilder address = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            int octet = pdu[pos + i / 2] & 0xFF;
            address.append(Character.forDigit(i % 2 == 0 ? octet & 0x0F : octet >>> 4, 16));
        }
        pos += addressOctets;
        pos++; // TP-PID
        int dcs = pdu[pos++] & 0xFF;
        pos += 7; // TP-SCTS
        int udl = pdu[pos++] & 0xFF;
        byte[] userData = Arrays.copyOfRange(pdu, pos, pdu.length);
        if (userData.length != udl) {
            throw new IllegalArgumentException("TP-UDL " + udl + " but " + userData.length + " octets follow");
        }
        return new SmsDeliverTpdu(firstOctet, address.toString(), dcs, userData);
    }

    /** TP-UDHI, bit 6 of the first octet. */
    boolean userDataHeaderIndicator() {
        return (firstOctet & 0x40) != 0;
    }
}
