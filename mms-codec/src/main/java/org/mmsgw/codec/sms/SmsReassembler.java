package org.mmsgw.codec.sms;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.mmsgw.codec.CodecLimits;
import org.mmsgw.codec.LimitExceededException;
import org.mmsgw.codec.MalformedPduException;

/**
 * Reassembles WDP datagrams sent over concatenated SMS (WAP-259-WDP §6.5, 3GPP TS 23.040
 * §9.2.3.24.1 and .8). Segments may come in any order, with the port and concatenation elements in
 * either order and with an 8- or 16-bit reference; every segment must carry a port element.
 *
 * <p>A message is keyed by (sender, reference and its width, ports); its total must not change.
 * Policies, each a bound or a refusal rather than a guess:
 * <ul>
 *   <li>the same segment again with the same payload is ignored;</li>
 *   <li>the same segment again with another payload, or a segment whose total differs from the
 *       earlier ones, throws {@link MalformedPduException} (field "UDH concatenation") and drops the
 *       pending message, since it can no longer be told which copy is right;</li>
 *   <li>at most {@code maxPendingMessages} messages wait; a new one beyond that evicts the one
 *       started first;</li>
 *   <li>payload octets held over all pending messages stay within {@link CodecLimits#maxPduSize()}:
 *       older messages are evicted to make room, and a message that alone would pass it throws
 *       {@link LimitExceededException} (field "WDP payload") and is dropped;</li>
 *   <li>a total above {@link CodecLimits#maxSegments()} throws {@link LimitExceededException}.</li>
 * </ul>
 * Methods are synchronized, so one instance can serve several consumer threads.
 */
public final class SmsReassembler {
    private final int maxPendingMessages;
    private final CodecLimits limits;
    private final Map<MessageKey, PendingMessage> pending = new LinkedHashMap<>();
    private long pendingOctets;
    private long evictedMessages;

    /** With {@link CodecLimits#DEFAULTS}. */
    public SmsReassembler(int maxPendingMessages) {
        this(maxPendingMessages, CodecLimits.DEFAULTS);
    }

    /** @param maxPendingMessages most incomplete messages held at once, at least 1 */
    public SmsReassembler(int maxPendingMessages, CodecLimits limits) {
        if (maxPendingMessages < 1) {
            throw new IllegalArgumentException("maxPendingMessages must be >= 1, was " + maxPendingMessages);
        }
        this.maxPendingMessages = maxPendingMessages;
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Takes one segment. Returns the datagram when this segment completes it (at once for a segment
     * without a concatenation element), otherwise empty.
     *
     * @param sender     who sent the segment, such as the originating address; part of the key
     * @param tpUserData the TP-User-Data, first octet UDHL
     * @throws MalformedPduException  if the user data is malformed, has no port element, or conflicts
     *                                with segments already held (see the class comment)
     * @throws LimitExceededException if the message passes a limit
     */
    public synchronized Optional<WdpDatagram> accept(String sender, byte[] tpUserData) {
        Objects.requireNonNull(sender, "sender");
        Segment segment = Segment.parse(tpUserData);
        checkTotal(segment, limits);
        Concatenation concatenation = segment.concatenation();
        if (concatenation == null || concatenation.total() == 1) {
            checkOctets(segment, 0, limits);
            return Optional.of(new WdpDatagram(sender, segment.ports(), segment.userData().payload()));
        }
        MessageKey key = new MessageKey(sender, concatenation.reference(), concatenation.sixteenBitReference(),
                segment.ports());
        PendingMessage message = pending.get(key);
        if (message != null && message.total() != concatenation.total()) {
            drop(key);
            throw new MalformedPduException(UserDataHeaderDecoder.UDH_CONCATENATION, segment.totalOffset(),
                    "total " + message.total() + " as in earlier segments of reference " + key.reference(),
                    String.valueOf(concatenation.total()));
        }
        if (message != null && !isNew(key, message, segment)) {
            return Optional.empty();
        }
        try {
            checkOctets(segment, message == null ? 0 : message.octets(), limits);
        } catch (LimitExceededException e) {
            drop(key);
            throw e;
        }
        if (message == null) {
            message = new PendingMessage(concatenation.total());
            pending.put(key, message);
            evictBeyondCount();
        }
        makeRoom(key, segment.userData().payloadLength());
        message.add(segment);
        pendingOctets += segment.userData().payloadLength();
        if (!message.complete()) {
            return Optional.empty();
        }
        drop(key);
        return Optional.of(new WdpDatagram(sender, segment.ports(), message.join()));
    }

    /** Incomplete messages held now. */
    public synchronized int pendingMessages() {
        return pending.size();
    }

    /** Payload octets held now, over all incomplete messages. */
    public synchronized long pendingOctets() {
        return pendingOctets;
    }

    /** Incomplete messages dropped so far to stay within the bounds. */
    public synchronized long evictedMessages() {
        return evictedMessages;
    }

    /** {@link #reassemble(List, CodecLimits)} with {@link CodecLimits#DEFAULTS}. */
    public static byte[] reassemble(List<byte[]> segments) {
        return reassemble(segments, CodecLimits.DEFAULTS);
    }

    /**
     * Reassembles segments known to form one message, in any order, duplicates allowed. A single
     * segment without a concatenation element is its own message.
     *
     * @throws IllegalArgumentException    if {@code segments} is empty
     * @throws MalformedPduException       if a segment is malformed, lacks a port element, or
     *                                     disagrees with the first (reference, total, ports); the
     *                                     offset is within the offending segment, and a disagreement
     *                                     names that segment's position in the list (1-based)
     * @throws IncompleteMessageException  if sequence numbers are missing
     * @throws LimitExceededException      if the message passes a limit
     */
    public static byte[] reassemble(List<byte[]> segments, CodecLimits limits) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("segments is empty");
        }
        Segment first = Segment.parse(segments.get(0));
        checkTotal(first, limits);
        if (first.concatenation() == null) {
            if (segments.size() > 1) {
                throw new MalformedPduException(UserDataHeaderDecoder.UDH_CONCATENATION, first.payloadOffset(),
                        "concatenation element in segment 1 of " + segments.size(), "none");
            }
            checkOctets(first, 0, limits);
            return first.userData().payload();
        }
        PendingMessage message = new PendingMessage(first.concatenation().total());
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = i == 0 ? first : Segment.parse(segments.get(i));
            sameMessage(first, segment, i + 1);
            if (message.isNew(segment)) {
                checkOctets(segment, message.octets(), limits);
                message.add(segment);
            }
        }
        if (!message.complete()) {
            throw new IncompleteMessageException(first.concatenation().reference(), message.total(),
                    message.missing());
        }
        return message.join();
    }

    private static void sameMessage(Segment first, Segment other, int number) {
        Concatenation expected = first.concatenation();
        Concatenation found = other.concatenation();
        String in = " in segment " + number;
        if (found == null) {
            throw new MalformedPduException(UserDataHeaderDecoder.UDH_CONCATENATION, other.payloadOffset(),
                    "concatenation element as in segment 1", "none" + in);
        }
        if (found.sixteenBitReference() != expected.sixteenBitReference()) {
            throw new MalformedPduException(UserDataHeaderDecoder.UDH_CONCATENATION, other.concatenationOffset(),
                    "IEI 0x" + UserDataHeaderDecoder.hex(expected.iei()) + " as in segment 1",
                    "IEI 0x" + UserDataHeaderDecoder.hex(found.iei()) + in);
        }
        if (found.reference() != expected.reference()) {
            throw new MalformedPduException(UserDataHeaderDecoder.UDH_CONCATENATION, other.referenceOffset(),
                    "reference " + expected.reference() + " as in segment 1", found.reference() + in);
        }
        if (found.total() != expected.total()) {
            throw new MalformedPduException(UserDataHeaderDecoder.UDH_CONCATENATION, other.totalOffset(),
                    "total " + expected.total() + " as in segment 1", found.total() + in);
        }
        if (!other.ports().equals(first.ports())) {
            throw new MalformedPduException(UserDataHeaderDecoder.UDH_PORT_ADDRESS, other.portsOffset(),
                    ports(first.ports()) + " as in segment 1", ports(other.ports()) + in);
        }
    }

    private static String ports(PortAddress ports) {
        return "ports " + ports.destination() + "/" + ports.source() + (ports.sixteenBitPorts() ? "" : " (8-bit)");
    }

    private static void checkTotal(Segment segment, CodecLimits limits) {
        Concatenation concatenation = segment.concatenation();
        if (concatenation != null && concatenation.total() > limits.maxSegments()) {
            throw new LimitExceededException(UserDataHeaderDecoder.UDH_CONCATENATION, segment.totalOffset(),
                    "maxSegments", limits.maxSegments(), concatenation.total());
        }
    }

    /** Refuses a segment that takes its message's payload past maxPduSize. */
    private static void checkOctets(Segment segment, long octetsBefore, CodecLimits limits) {
        long after = octetsBefore + segment.userData().payloadLength();
        if (after > limits.maxPduSize()) {
            throw new LimitExceededException(SmsSegmenter.WDP_PAYLOAD,
                    segment.payloadOffset() + (limits.maxPduSize() - octetsBefore), "maxPduSize",
                    limits.maxPduSize(), after);
        }
    }

    /** Whether the segment is new to {@code message}; a conflicting copy drops the message. */
    private boolean isNew(MessageKey key, PendingMessage message, Segment segment) {
        try {
            return message.isNew(segment);
        } catch (MalformedPduException e) {
            drop(key);
            throw e;
        }
    }

    private void evictBeyondCount() {
        Iterator<Map.Entry<MessageKey, PendingMessage>> oldest = pending.entrySet().iterator();
        while (pending.size() > maxPendingMessages) {
            pendingOctets -= oldest.next().getValue().octets();
            oldest.remove();
            evictedMessages++;
        }
    }

    /** Evicts the oldest other messages until {@code octets} more fit within maxPduSize. */
    private void makeRoom(MessageKey keep, int octets) {
        Iterator<Map.Entry<MessageKey, PendingMessage>> oldest = pending.entrySet().iterator();
        while (pendingOctets + octets > limits.maxPduSize() && oldest.hasNext()) {
            Map.Entry<MessageKey, PendingMessage> entry = oldest.next();
            if (!entry.getKey().equals(keep)) {
                pendingOctets -= entry.getValue().octets();
                oldest.remove();
                evictedMessages++;
            }
        }
    }

    private void drop(MessageKey key) {
        PendingMessage message = pending.remove(key);
        if (message != null) {
            pendingOctets -= message.octets();
        }
    }

    private record MessageKey(String sender, int reference, boolean sixteenBitReference, PortAddress ports) {
    }
}
