package org.mmsgw.codec.sms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mmsgw.codec.MalformedPduException;

/** The segments of one concatenated message received so far, by sequence number. */
final class PendingMessage {
    private final int total;
    private final byte[][] parts;
    private int received;
    private long octets;

    PendingMessage(int total) {
        this.total = total;
        this.parts = new byte[total][];
    }

    int total() {
        return total;
    }

    long octets() {
        return octets;
    }

    boolean complete() {
        return received == total;
    }

    /**
     * Whether {@code segment} is new. A repeat with the same payload is not; a repeat with another
     * payload is an error, since either copy could be the wrong one.
     */
    boolean isNew(Segment segment) {
        int sequence = segment.concatenation().sequence();
        byte[] earlier = parts[sequence - 1];
        if (earlier == null) {
            return true;
        }
        if (Arrays.equals(earlier, segment.userData().payload())) {
            return false;
        }
        throw new MalformedPduException(UserDataHeaderDecoder.UDH_CONCATENATION, segment.sequenceOffset(),
                "segment " + sequence + " with the " + earlier.length + " payload octets received before",
                segment.userData().payloadLength() + " different payload octets");
    }

    /** Stores a segment {@link #isNew} accepted. */
    void add(Segment segment) {
        byte[] payload = segment.userData().payload();
        parts[segment.concatenation().sequence() - 1] = payload;
        received++;
        octets += payload.length;
    }

    List<Integer> missing() {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (parts[i] == null) {
                missing.add(i + 1);
            }
        }
        return missing;
    }

    /** The payloads in sequence order; only when {@link #complete}. */
    byte[] join() {
        byte[] out = new byte[Math.toIntExact(octets)];
        int pos = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, pos, part.length);
            pos += part.length;
        }
        return out;
    }
}
