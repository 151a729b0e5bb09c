package org.mmsgw.codec.sms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;

/**
 * Splits a WDP datagram (for MMS, a WSP Push PDU) into TP-User-Data octet strings of at most 140
 * octets, for SMS with TP-UDHI set and 8-bit DCS (WAP-259-WDP §6.5, 3GPP TS 23.040 §9.2.3.24).
 *
 * <ul>
 *   <li>Up to {@value #MAX_UNSEGMENTED_PAYLOAD} octets: one SMS whose header holds only the 16-bit
 *       port element: {@code 06 05 04 dd dd ss ss}.</li>
 *   <li>Longer: the port element, then the concatenation element, in every segment. With an 8-bit
 *       reference the header is {@code 0B 05 04 dd dd ss ss 00 03 rr nn ii} (12 octets, so
 *       {@value #SEGMENT_PAYLOAD_8BIT_REFERENCE} payload octets a segment); with a 16-bit reference
 *       {@code 0C 05 04 dd dd ss ss 08 04 rr rr nn ii} (13 octets, {@value #SEGMENT_PAYLOAD_16BIT_REFERENCE}).</li>
 * </ul>
 *
 * <p>Errors: a payload that needs more than {@link CodecLimits#maxSegments()} segments (at most
 * 255) or is longer than {@link CodecLimits#maxPduSize()} is data, so it throws
 * {@link LimitExceededException} (field "WDP payload"); a reference or port out of range is a
 * programming error and throws {@link IllegalArgumentException}. For the WAP Push ports see
 * {@link PortAddress#WAP_PUSH_PORT} and {@link PortAddress#WAP_WSP_PORT}.
 */
public final class SmsSegmenter {
    /** Payload octets in an unsegmented SMS: 140 minus the 7-octet port header. */
    public static final int MAX_UNSEGMENTED_PAYLOAD = UserData.MAX_OCTETS - 7;
    /** Payload octets a segment carries with an 8-bit reference: 140 minus a 12-octet header. */
    public static final int SEGMENT_PAYLOAD_8BIT_REFERENCE = UserData.MAX_OCTETS - 12;
    /** Payload octets a segment carries with a 16-bit reference: 140 minus a 13-octet header. */
    public static final int SEGMENT_PAYLOAD_16BIT_REFERENCE = UserData.MAX_OCTETS - 13;

    static final String WDP_PAYLOAD = "WDP payload";

    private SmsSegmenter() {
    }

    /**
     * Splits a WAP Push (destination port 2948, source 9200) with an 8-bit reference and the default
     * limits.
     */
    public static List<byte[]> splitWapPush(byte[] payload, int reference) {
        return split(payload, reference, false, PortAddress.WAP_PUSH_PORT, PortAddress.WAP_WSP_PORT,
                CodecLimits.DEFAULTS);
    }

    /** {@link #split(byte[], int, boolean, int, int, CodecLimits)} with {@link CodecLimits#DEFAULTS}. */
    public static List<byte[]> split(byte[] payload, int reference, boolean sixteenBitReference,
            int destinationPort, int sourcePort) {
        return split(payload, reference, sixteenBitReference, destinationPort, sourcePort, CodecLimits.DEFAULTS);
    }

    /**
     * Splits {@code payload} into TP-User-Data octet strings, in sequence order.
     *
     * @param reference           concatenation reference: 0..255, or 0..65535 if {@code sixteenBitReference}
     *                            (unused when the payload fits one SMS)
     * @param sixteenBitReference IEI 0x08 instead of 0x00 for the concatenation element
     * @param destinationPort     16-bit WDP destination port, 0..65535
     * @param sourcePort          16-bit WDP source port, 0..65535
     * @throws LimitExceededException   if the payload is longer than {@code limits.maxPduSize()} or
     *                                  needs more than {@code limits.maxSegments()} segments
     * @throws IllegalArgumentException if the reference or a port is out of range
     */
    public static List<byte[]> split(byte[] payload, int reference, boolean sixteenBitReference,
            int destinationPort, int sourcePort, CodecLimits limits) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(limits, "limits");
        PortAddress ports = PortAddress.sixteenBit(destinationPort, sourcePort);
        int maxReference = sixteenBitReference ? 0xFFFF : 0xFF;
        if (reference < 0 || reference > maxReference) {
            throw new IllegalArgumentException("reference must be 0.." + maxReference + ", was " + reference);
        }
        if (payload.length > limits.maxPduSize()) {
            throw new LimitExceededException(WDP_PAYLOAD, limits.maxPduSize(), "maxPduSize", limits.maxPduSize(),
                    payload.length);
        }
        if (payload.length <= MAX_UNSEGMENTED_PAYLOAD) {
            return List.of(new UserData(UserDataHeader.of(ports), payload).encode());
        }
        int perSegment = sixteenBitReference ? SEGMENT_PAYLOAD_16BIT_REFERENCE : SEGMENT_PAYLOAD_8BIT_REFERENCE;
        int total = (payload.length + perSegment - 1) / perSegment;
        if (total > limits.maxSegments()) {
            throw new LimitExceededException(WDP_PAYLOAD, (long) limits.maxSegments() * perSegment, "maxSegments",
                    limits.maxSegments(), total);
        }
        List<byte[]> segments = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            byte[] chunk = Arrays.copyOfRange(payload, i * perSegment, Math.min(payload.length, (i + 1) * perSegment));
            Concatenation concatenation = new Concatenation(reference, total, i + 1, sixteenBitReference);
            segments.add(new UserData(UserDataHeader.of(ports, concatenation), chunk).encode());
        }
        return List.copyOf(segments);
    }
}
