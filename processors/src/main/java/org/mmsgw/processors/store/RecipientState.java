package org.mmsgw.processors.store;

/** Where one recipient of a message stands. */
public enum RecipientState {
    /** Accepted, notification not yet sent. */
    PENDING,
    /** Notification (push) handed to the SMSC, or mail handed to SMTP. */
    NOTIFIED,
    /** The SMSC's delivery receipts say the notification reached the phone; it has not fetched yet. */
    PUSHED,
    /** The phone answered Deferred: it will fetch later. */
    DEFERRED,
    /** The phone fetched the message (or acknowledged it). */
    RETRIEVED,
    /** The phone rejected the message. */
    REJECTED,
    /** Not retrieved before the expiry. */
    EXPIRED,
    /** Could not be delivered (permanent error). */
    UNREACHABLE,
    /** Handed over to another system for good (an e-mail accepted by the SMTP server). */
    FORWARDED;

    /** Nothing more will happen for this recipient. */
    public boolean isFinal() {
        return this == RETRIEVED || this == REJECTED || this == EXPIRED || this == UNREACHABLE || this == FORWARDED;
    }
}
