package org.mmsgw.codec.sms;

/**
 * One information element of a TP-User-Data header (3GPP TS 23.040 §9.2.3.24): an identifier (IEI),
 * a length octet and that many data octets. The elements WDP over SMS needs are modelled; any
 * other is kept as an {@link OtherElement} so a header survives decode and encode unchanged.
 */
public sealed interface InformationElement permits Concatenation, PortAddress, OtherElement {

    /** IEI 0x00: concatenated short messages, 8-bit reference (TS 23.040 §9.2.3.24.1). */
    int IEI_CONCATENATION_8BIT = 0x00;
    /** IEI 0x04: application port addressing, 8-bit ports (TS 23.040 §9.2.3.24.3). */
    int IEI_PORTS_8BIT = 0x04;
    /** IEI 0x05: application port addressing, 16-bit ports (TS 23.040 §9.2.3.24.4). */
    int IEI_PORTS_16BIT = 0x05;
    /** IEI 0x08: concatenated short messages, 16-bit reference (TS 23.040 §9.2.3.24.8). */
    int IEI_CONCATENATION_16BIT = 0x08;

    /** The information element identifier, 0..255. */
    int iei();

    /** The information element data: the octets after the length octet (a fresh copy). */
    byte[] data();

    /** Octets this element takes on the wire: IEI, length and data. */
    default int encodedLength() {
        return 2 + data().length;
    }
}
