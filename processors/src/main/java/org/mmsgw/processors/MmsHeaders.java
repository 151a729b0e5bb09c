package org.mmsgw.processors;

/**
 * Names of the gateway's own exchange headers. All start with {@code Mms}: nothing the gateway sets
 * can be mistaken for a Camel or transport header, and entry points drop every header not on their
 * allow-list, so none of these can be set from outside. They travel as JMS properties between routes.
 */
public final class MmsHeaders {
    /** The gateway's Message-ID of the MMS being handled. */
    public static final String MESSAGE_ID = "MmsMessageId";
    /** The sender's number ({@code +49...}) or e-mail address. */
    public static final String SENDER = "MmsSender";
    /** One recipient's address, as the MMS wrote it. */
    public static final String RECIPIENT = "MmsRecipient";
    /** How a recipient is reached: {@code phone}, {@code email} or {@code none}. */
    public static final String CHANNEL = "MmsChannel";
    /** How many recipients the routing step found for an accepted message (an Integer). */
    public static final String DELIVERIES = "MmsDeliveries";
    /** Expiry of the message, epoch milliseconds. */
    public static final String EXPIRY = "MmsExpiry";
    /** What an MM1 request asks for: {@code submit}, {@code reply} (answer is ready), {@code retrieve}. */
    public static final String ACTION = "MmsAction";
    /** The status a delivery report carries (X-Mms-Status name: Retrieved, Rejected, Expired ...). */
    public static final String REPORT_STATUS = "MmsReportStatus";
    /** Read status of a read report (Read, Deleted without being read). */
    public static final String READ_STATUS = "MmsReadStatus";
    /** The phone number a push goes to ({@code +49...}). */
    public static final String PUSH_TO = "MmsPushTo";
    /** Kind of report: {@code delivery} or {@code read}. */
    public static final String REPORT_TYPE = "MmsReportType";

    /** What an event from the SMSC is: {@code receipt} or {@code text} (a mobile-originated SMS). */
    public static final String SMS_KIND = "MmsSmsKind";
    /** The SMSC's message id a delivery receipt is for, as the SMSC wrote it. */
    public static final String SMSC_ID = "MmsSmscId";
    /** Whether {@link #SMSC_ID} came from the receipted_message_id TLV (else from the receipt text). */
    public static final String SMSC_ID_FROM_TLV = "MmsSmscIdFromTlv";
    /** A receipt's final status: DELIVRD, EXPIRED, DELETED, UNDELIV, REJECTD (or an intermediate one). */
    public static final String RECEIPT_STAT = "MmsReceiptStat";
    /** The phone ({@code +49...}) a mobile-originated SMS came from. */
    public static final String SMS_SOURCE = "MmsSmsSource";
    /** data_coding of a mobile-originated SMS. */
    public static final String SMS_CODING = "MmsSmsCoding";
    /** Whether the user data of a mobile-originated SMS starts with a user data header. */
    public static final String SMS_UDHI = "MmsSmsUdhi";
    /** How often an event was put back to wait (a receipt that came before its submit_sm_resp). */
    public static final String ATTEMPT = "MmsAttempt";
    /**
     * CRC-32C of a hand-off's body, as a long, set by the sender: the consumer refuses a body that does
     * not match (the broker redelivers it) instead of storing what it did not get whole.
     */
    public static final String BODY_CRC = "MmsBodyCrc";

    /** HTTP request facts copied from the transport by the entry point, and nothing else. */
    public static final String HTTP_METHOD = "MmsHttpMethod";
    public static final String HTTP_PATH = "MmsHttpPath";
    public static final String HTTP_CONTENT_TYPE = "MmsHttpContentType";
    public static final String HTTP_MSISDN = "MmsHttpMsisdn";
    public static final String HTTP_AUTHORIZATION = "MmsHttpAuthorization";
    public static final String HTTP_REMOTE_ADDRESS = "MmsHttpRemoteAddress";
    /** The HTTP status to answer with. */
    public static final String HTTP_STATUS = "MmsHttpStatus";
    /** Seconds to answer in Retry-After (with a 503). */
    public static final String HTTP_RETRY_AFTER = "MmsHttpRetryAfter";
    /** Exchange property: the m-send-conf to answer once the submission is durable. */
    public static final String REPLY = "MmsReply";
    /**
     * Exchange property: what the segments of a notification add their SMSC message ids to, for the
     * step after the push to record with the recipient's new state in one write (the split's copies of
     * the exchange share it; recorded when the exchange ends if that step never ran).
     */
    public static final String SENT_SEGMENTS = "MmsSentSegments";

    /** Values of {@link #ACTION}. */
    public static final String ACTION_SUBMIT = "submit";
    public static final String ACTION_REPORT = "report";
    public static final String ACTION_REPLY = "reply";
    public static final String ACTION_PUSH = "push";
    public static final String ACTION_SKIP = "skip";

    private MmsHeaders() {
    }
}
