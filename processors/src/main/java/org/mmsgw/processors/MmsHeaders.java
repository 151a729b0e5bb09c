package org.mmsgw.processors;

/**
 * Names of the gateway's own exchange headers. All start with {@code Mms}: nothing the gateway sets
 * can be mistaken for a Camel or transport header, and entry points drop every header not on their
 * allow-list, so none of these can be set from outside.
 */
public final class MmsHeaders {
    /** The gateway's Message-ID of the MMS being handled. */
    public static final String MESSAGE_ID = "MmsMessageId";
    /** The sender's address (E.164 number or e-mail address). */
    public static final String SENDER = "MmsSender";
    /** One recipient, after the message was split per recipient. */
    public static final String RECIPIENT = "MmsRecipient";
    /** The X-Mms-Transaction-Id of the PDU being answered. */
    public static final String TRANSACTION_ID = "MmsTransactionId";

    private MmsHeaders() {
    }
}
