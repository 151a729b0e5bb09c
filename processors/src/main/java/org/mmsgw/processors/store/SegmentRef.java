package org.mmsgw.processors.store;

import java.util.Objects;

/**
 * The message and recipient that one SMS segment, known by its SMSC message id, belongs to.
 *
 * @param messageId the gateway's message id
 * @param address   the recipient the segment went to
 * @param receipt   the final status the SMSC's delivery receipt gave it (DELIVRD, UNDELIV ...), empty
 *                  while none came
 */
public record SegmentRef(String messageId, String address, String receipt) {
    public SegmentRef {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(receipt, "receipt");
    }

    public SegmentRef(String messageId, String address) {
        this(messageId, address, "");
    }
}
