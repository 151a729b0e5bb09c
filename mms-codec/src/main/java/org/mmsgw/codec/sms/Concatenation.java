package org.mmsgw.codec.sms;

/**
 * Concatenated short messages (3GPP TS 23.040 §9.2.3.24.1 IEI 0x00, 8-bit reference; §9.2.3.24.8
 * IEI 0x08, 16-bit reference): which message a segment belongs to and where it goes.
 *
 * @param reference           concatenated message reference: 0..255, or 0..65535 when 16-bit
 * @param total               number of segments in the message, 1..255
 * @param sequence            this segment's number, 1-based: 1..total
 * @param sixteenBitReference {@code true} for IEI 0x08, {@code false} for IEI 0x00
 */
public record Concatenation(int reference, int total, int sequence, boolean sixteenBitReference)
        implements InformationElement {

    /** Most segments one message can have: the total is one octet and 0 is not allowed. */
    public static final int MAX_SEGMENTS = 255;

    public Concatenation {
        int max = sixteenBitReference ? 0xFFFF : 0xFF;
        if (reference < 0 || reference > max) {
            throw new IllegalArgumentException("reference must be 0.." + max + ", was " + reference);
        }
        if (total < 1 || total > MAX_SEGMENTS) {
            throw new IllegalArgumentException("total must be 1.." + MAX_SEGMENTS + ", was " + total);
        }
        if (sequence < 1 || sequence > total) {
            throw new IllegalArgumentException("sequence must be 1.." + total + ", was " + sequence);
        }
    }

    /** IEI 0x00 element. */
    public static Concatenation eightBit(int reference, int total, int sequence) {
        return new Concatenation(reference, total, sequence, false);
    }

    /** IEI 0x08 element. */
    public static Concatenation sixteenBit(int reference, int total, int sequence) {
        return new Concatenation(reference, total, sequence, true);
    }

    /** Data length the IEI requires: 3 for 0x00, 4 for 0x08. */
    static int dataLength(boolean sixteenBitReference) {
        return sixteenBitReference ? 4 : 3;
    }

    /** Offset of the total octet from the IEI octet. */
    static int totalOffset(boolean sixteenBitReference) {
        return sixteenBitReference ? 4 : 3;
    }

    @Override
    public int iei() {
        return sixteenBitReference ? IEI_CONCATENATION_16BIT : IEI_CONCATENATION_8BIT;
    }

    @Override
    public byte[] data() {
        if (!sixteenBitReference) {
            return new byte[] {(byte) reference, (byte) total, (byte) sequence};
        }
        return new byte[] {(byte) (reference >>> 8), (byte) reference, (byte) total, (byte) sequence};
    }
}
