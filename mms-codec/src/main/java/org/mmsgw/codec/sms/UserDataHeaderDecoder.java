package org.mmsgw.codec.sms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.mmsgw.codec.MalformedPduException;

/**
 * Reads a user data header (3GPP TS 23.040 §9.2.3.24). Strict where the spec tells a receiver to
 * ignore: a wrong element length, a concatenation with total 0 or a sequence out of 1..total, and a
 * repeated concatenation or port element are errors here, because guessing would put segments into
 * the wrong message.
 */
final class UserDataHeaderDecoder {
    static final String UDH_LENGTH = "UDH length";
    static final String UDH_ELEMENT = "UDH information element";
    static final String UDH_CONCATENATION = "UDH concatenation";
    static final String UDH_PORT_ADDRESS = "UDH port address";

    private UserDataHeaderDecoder() {
    }

    static UserDataHeader decode(byte[] in) {
        if (in.length == 0) {
            throw new MalformedPduException(UDH_LENGTH, 0, "UDHL octet", "end of input");
        }
        int udhl = in[0] & 0xFF;
        if (udhl > in.length - 1) {
            throw new MalformedPduException(UDH_LENGTH, 0,
                    "at most " + (in.length - 1) + " (octets after UDHL)", String.valueOf(udhl));
        }
        int end = 1 + udhl;
        int pos = 1;
        List<InformationElement> elements = new ArrayList<>();
        boolean haveConcatenation = false;
        boolean havePorts = false;
        while (pos < end) {
            int iei = in[pos] & 0xFF;
            if (pos + 1 >= end) {
                throw new MalformedPduException(UDH_ELEMENT, pos + 1,
                        "length octet of IEI 0x" + hex(iei), "end of header (UDHL " + udhl + ")");
            }
            int length = in[pos + 1] & 0xFF;
            int room = end - pos - 2;
            if (length > room) {
                throw new MalformedPduException(UDH_ELEMENT, pos + 1,
                        "length at most " + room + " (UDHL " + udhl + ")", length + " (IEI 0x" + hex(iei) + ")");
            }
            InformationElement element = element(in, pos, iei, length);
            if (element instanceof Concatenation) {
                if (haveConcatenation) {
                    throw new MalformedPduException(UDH_CONCATENATION, pos, "one concatenation element",
                            "a second one (IEI 0x" + hex(iei) + ")");
                }
                haveConcatenation = true;
            } else if (element instanceof PortAddress) {
                if (havePorts) {
                    throw new MalformedPduException(UDH_PORT_ADDRESS, pos, "one port addressing element",
                            "a second one (IEI 0x" + hex(iei) + ")");
                }
                havePorts = true;
            }
            elements.add(element);
            pos += 2 + length;
        }
        return new UserDataHeader(elements);
    }

    private static InformationElement element(byte[] in, int pos, int iei, int length) {
        return switch (iei) {
            case InformationElement.IEI_CONCATENATION_8BIT -> concatenation(in, pos, length, false);
            case InformationElement.IEI_CONCATENATION_16BIT -> concatenation(in, pos, length, true);
            case InformationElement.IEI_PORTS_8BIT -> ports(in, pos, length, false);
            case InformationElement.IEI_PORTS_16BIT -> ports(in, pos, length, true);
            default -> new OtherElement(iei, Arrays.copyOfRange(in, pos + 2, pos + 2 + length));
        };
    }

    private static Concatenation concatenation(byte[] in, int pos, int length, boolean sixteenBit) {
        int required = Concatenation.dataLength(sixteenBit);
        if (length != required) {
            throw new MalformedPduException(UDH_CONCATENATION, pos + 1,
                    "length " + required + " (IEI 0x" + hex(in[pos] & 0xFF) + ")", String.valueOf(length));
        }
        int reference = sixteenBit ? u16(in, pos + 2) : in[pos + 2] & 0xFF;
        int totalAt = pos + Concatenation.totalOffset(sixteenBit);
        int total = in[totalAt] & 0xFF;
        if (total == 0) {
            throw new MalformedPduException(UDH_CONCATENATION, totalAt, "total 1..255", "0");
        }
        int sequence = in[totalAt + 1] & 0xFF;
        if (sequence == 0 || sequence > total) {
            throw new MalformedPduException(UDH_CONCATENATION, totalAt + 1,
                    "sequence 1.." + total, String.valueOf(sequence));
        }
        return new Concatenation(reference, total, sequence, sixteenBit);
    }

    private static PortAddress ports(byte[] in, int pos, int length, boolean sixteenBit) {
        int required = PortAddress.dataLength(sixteenBit);
        if (length != required) {
            throw new MalformedPduException(UDH_PORT_ADDRESS, pos + 1,
                    "length " + required + " (IEI 0x" + hex(in[pos] & 0xFF) + ")", String.valueOf(length));
        }
        if (!sixteenBit) {
            return PortAddress.eightBit(in[pos + 2] & 0xFF, in[pos + 3] & 0xFF);
        }
        return PortAddress.sixteenBit(u16(in, pos + 2), u16(in, pos + 4));
    }

    private static int u16(byte[] in, int at) {
        return (in[at] & 0xFF) << 8 | in[at + 1] & 0xFF;
    }

    static String hex(int octet) {
        return HexFormat.of().withUpperCase().toHexDigits((byte) octet);
    }
}
