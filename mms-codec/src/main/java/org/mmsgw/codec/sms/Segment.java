package org.mmsgw.codec.sms;

import org.mmsgw.codec.MalformedPduException;

/**
 * One received TP-User-Data, parsed, with the offsets reassembly errors point at. WDP over SMS
 * (WAP-259-WDP §6.5) needs the port element in every segment, so a header without one is an error.
 *
 * @param userData      the parsed user data
 * @param ports         its port addressing element
 * @param concatenation its concatenation element, or {@code null} for an unsegmented datagram
 */
record Segment(UserData userData, PortAddress ports, Concatenation concatenation) {

    static Segment parse(byte[] tpUserData) {
        UserData userData = UserData.parse(tpUserData);
        UserDataHeader header = userData.header();
        PortAddress ports = header.ports().orElseThrow(() -> new MalformedPduException(
                UserDataHeaderDecoder.UDH_PORT_ADDRESS, header.encodedLength(),
                "port addressing element (IEI 0x04 or 0x05)", "none"));
        return new Segment(userData, ports, header.concatenation().orElse(null));
    }

    /** Offset of the first payload octet: the header's length with its UDHL. */
    int payloadOffset() {
        return userData.header().encodedLength();
    }

    int portsOffset() {
        return userData.header().offsetOf(ports);
    }

    int concatenationOffset() {
        return userData.header().offsetOf(concatenation);
    }

    int referenceOffset() {
        return concatenationOffset() + 2;
    }

    int totalOffset() {
        return concatenationOffset() + Concatenation.totalOffset(concatenation.sixteenBitReference());
    }

    int sequenceOffset() {
        return totalOffset() + 1;
    }
}
