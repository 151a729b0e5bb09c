package org.mmsgw.processors.store;

import java.util.Objects;

/**
 * The message and recipient that one SMS segment, known by its SMSC message id, belongs to.
 *
 * @param messageId the gateway's message id
 * @param address   the recipient the segment went to
 * @param receipt   the final status the SMSC's delivery receipt gave it (DELIVRD, UNDELIV ...), empty
 *                  while none came
 * @param stray     the segment went out in a push that did not finish (the SMSC took it and then refused
 *                  the next one, or the step after the push failed): the notification is sent again or
 *                  the recipient ended otherwise, so the segment's receipt tells nothing about the
 *                  recipient; it is kept so that the receipt is still matched
 */
public record SegmentRef(String messageId, String address, String receipt, boolean stray) {
    /** Marks a stray segment in front of its receipt where a store keeps the receipt as text. */
    private static final String STRAY = "~";

    public SegmentRef {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(receipt, "receipt");
    }

    public SegmentRef(String messageId, String address, String receipt) {
        this(messageId, address, receipt, false);
    }

    public SegmentRef(String messageId, String address) {
        this(messageId, address, "");
    }

    /** The same segment with the status of its receipt. */
    public SegmentRef withReceipt(String status) {
        return new SegmentRef(messageId, address, status, stray);
    }

    /** The receipt as the stores write it: a stray segment's with a mark that no receipt status has. */
    String receiptField() {
        return stray ? STRAY + receipt : receipt;
    }

    /** A segment as read back, its receipt written by {@link #receiptField}. */
    static SegmentRef read(String messageId, String address, String receiptField) {
        boolean stray = receiptField.startsWith(STRAY);
        return new SegmentRef(messageId, address, stray ? receiptField.substring(STRAY.length()) : receiptField,
                stray);
    }
}
