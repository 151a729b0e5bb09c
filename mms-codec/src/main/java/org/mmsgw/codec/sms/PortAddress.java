package org.mmsgw.codec.sms;

/**
 * Application port addressing (3GPP TS 23.040 §9.2.3.24.3 IEI 0x04, 8-bit ports; §9.2.3.24.4 IEI
 * 0x05, 16-bit ports): the WDP destination and source ports (WAP-259-WDP §6.5).
 *
 * @param destination     destination port: 0..255 for 8-bit addressing, 0..65535 for 16-bit
 * @param source          originator port, same range
 * @param sixteenBitPorts {@code true} for IEI 0x05, {@code false} for IEI 0x04
 */
public record PortAddress(int destination, int source, boolean sixteenBitPorts) implements InformationElement {

    /** WDP port of the WAP Push connectionless session service (WAP-259-WDP Appendix B). */
    public static final int WAP_PUSH_PORT = 2948;
    /** WDP port of the WSP connectionless session service, the usual source of a push. */
    public static final int WAP_WSP_PORT = 9200;
    /** The ports of an MMS notification push: {@code 05 04 0B 84 23 F0}. */
    public static final PortAddress WAP_PUSH = sixteenBit(WAP_PUSH_PORT, WAP_WSP_PORT);

    public PortAddress {
        int max = sixteenBitPorts ? 0xFFFF : 0xFF;
        if (destination < 0 || destination > max) {
            throw new IllegalArgumentException("destination must be 0.." + max + ", was " + destination);
        }
        if (source < 0 || source > max) {
            throw new IllegalArgumentException("source must be 0.." + max + ", was " + source);
        }
    }

    /** IEI 0x04 element. */
    public static PortAddress eightBit(int destination, int source) {
        return new PortAddress(destination, source, false);
    }

    /** IEI 0x05 element. */
    public static PortAddress sixteenBit(int destination, int source) {
        return new PortAddress(destination, source, true);
    }

    /** Data length the IEI requires: 2 for 0x04, 4 for 0x05. */
    static int dataLength(boolean sixteenBitPorts) {
        return sixteenBitPorts ? 4 : 2;
    }

    @Override
    public int iei() {
        return sixteenBitPorts ? IEI_PORTS_16BIT : IEI_PORTS_8BIT;
    }

    @Override
    public byte[] data() {
        if (!sixteenBitPorts) {
            return new byte[] {(byte) destination, (byte) source};
        }
        return new byte[] {(byte) (destination >>> 8), (byte) destination, (byte) (source >>> 8), (byte) source};
    }
}
