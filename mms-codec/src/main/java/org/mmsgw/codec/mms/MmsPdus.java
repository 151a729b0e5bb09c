package org.mmsgw.codec.mms;

import java.util.List;

import org.mmsgw.codec.multipart.Body;
import org.mmsgw.codec.multipart.Part;
import org.mmsgw.codec.wsp.ContentType;
import org.mmsgw.codec.wsp.HeaderValue;
import org.mmsgw.codec.wsp.Parameter;

/**
 * The PDUs a relay and its test phones write, built with the headers OMA-MMS-ENC-V1_3 §6 makes
 * mandatory, in the spec's order. Callers add optional headers through {@link MmsPdu.Builder}.
 */
public final class MmsPdus {
    /** The version the gateway writes: MMS 1.2, understood by every MMS 1.x client. */
    public static final int MAJOR = 1;
    public static final int MINOR = 2;

    private MmsPdus() {
    }

    private static MmsPdu.Builder start(MessageType type, String transactionId) {
        MmsPdu.Builder b = MmsPdu.builder(type);
        if (transactionId != null) {
            b.transactionId(transactionId);
        }
        return b.version(MAJOR, MINOR);
    }

    /** m-send-conf (§6.1.2): status code without the 0x80 bit; messageId only with status Ok. */
    public static MmsPdu sendConf(String transactionId, int responseStatus, String responseText, String messageId) {
        MmsPdu.Builder b = start(MessageType.SEND_CONF, transactionId).token(MmsField.RESPONSE_STATUS, responseStatus);
        if (responseText != null) {
            b.encoded(MmsField.RESPONSE_TEXT, responseText);
        }
        if (messageId != null) {
            b.text(MmsField.MESSAGE_ID, messageId);
        }
        return b.build();
    }

    /**
     * m-notification-ind (§6.2) with the mandatory headers; add From, Subject and Delivery-Report
     * with {@link #notificationBuilder}.
     */
    public static MmsPdu notificationInd(String transactionId, String contentLocation, long messageSize,
            long expirySeconds, String from, String subject) {
        MmsPdu.Builder b = notificationBuilder(transactionId, from, subject);
        return b.token(MmsField.MESSAGE_CLASS, "Personal")
                .number(MmsField.MESSAGE_SIZE, messageSize)
                .relativeTime(MmsField.EXPIRY, expirySeconds)
                .text(MmsField.CONTENT_LOCATION, contentLocation)
                .build();
    }

    private static MmsPdu.Builder notificationBuilder(String transactionId, String from, String subject) {
        MmsPdu.Builder b = start(MessageType.NOTIFICATION_IND, transactionId);
        if (from != null) {
            b.from(from);
        }
        if (subject != null) {
            b.encoded(MmsField.SUBJECT, subject);
        }
        return b;
    }

    /** m-notifyresp-ind (§6.2): status Retrieved, Rejected, Deferred or Unrecognised. */
    public static MmsPdu notifyRespInd(String transactionId, String status, boolean reportAllowed) {
        return start(MessageType.NOTIFYRESP_IND, transactionId).token(MmsField.STATUS, status)
                .token(MmsField.REPORT_ALLOWED, reportAllowed ? "Yes" : "No").build();
    }

    /** m-retrieve-conf (§6.3) with content. */
    public static MmsPdu.Builder retrieveConf(String transactionId, String messageId, long date, String from,
            ContentType type, Body body) {
        MmsPdu.Builder b = start(MessageType.RETRIEVE_CONF, transactionId);
        if (messageId != null) {
            b.text(MmsField.MESSAGE_ID, messageId);
        }
        b.date(MmsField.DATE, date);
        if (from != null) {
            b.from(from);
        }
        return b.body(type, body);
    }

    /**
     * m-retrieve-conf that reports a failure (§6.3, X-Mms-Retrieve-Status): the spec still asks for a
     * Content-Type, so the body is an empty text part.
     */
    public static MmsPdu retrieveConfError(String transactionId, long date, int retrieveStatus, String text) {
        return start(MessageType.RETRIEVE_CONF, transactionId).date(MmsField.DATE, date)
                .token(MmsField.RETRIEVE_STATUS, retrieveStatus)
                .encoded(MmsField.RETRIEVE_TEXT, text)
                .body(ContentType.of("text/plain", Parameter.charset(106)), Body.of(new byte[0]))
                .build();
    }

    /** m-acknowledge-ind (§6.4). */
    public static MmsPdu acknowledgeInd(String transactionId, boolean reportAllowed) {
        return start(MessageType.ACKNOWLEDGE_IND, transactionId)
                .token(MmsField.REPORT_ALLOWED, reportAllowed ? "Yes" : "No").build();
    }

    /** m-delivery-ind (§6.6): status Expired, Retrieved, Rejected, Deferred, Indeterminate, Forwarded, Unreachable. */
    public static MmsPdu deliveryInd(String messageId, String to, long date, String status) {
        return start(MessageType.DELIVERY_IND, null).text(MmsField.MESSAGE_ID, messageId).to(to)
                .date(MmsField.DATE, date).token(MmsField.STATUS, status).build();
    }

    /** m-read-rec-ind (§6.7.2), from the recipient's phone. */
    public static MmsPdu readRecInd(String messageId, String to, String from, String readStatus) {
        return start(MessageType.READ_REC_IND, null).text(MmsField.MESSAGE_ID, messageId).to(to).from(from)
                .token(MmsField.READ_STATUS, readStatus).build();
    }

    /** m-read-orig-ind (§6.7.2), from the relay to the original sender. */
    public static MmsPdu readOrigInd(String messageId, String to, String from, long date, String readStatus) {
        return start(MessageType.READ_ORIG_IND, null).text(MmsField.MESSAGE_ID, messageId).to(to).from(from)
                .date(MmsField.DATE, date).token(MmsField.READ_STATUS, readStatus).build();
    }

    /** m-send-req (§6.1.1) with the relay filling in the sender (insert-address-token). */
    public static MmsPdu.Builder sendReq(String transactionId, List<String> to, String subject) {
        MmsPdu.Builder b = start(MessageType.SEND_REQ, transactionId).insertAddressFrom();
        to.forEach(b::to);
        if (subject != null) {
            b.encoded(MmsField.SUBJECT, subject);
        }
        return b;
    }

    /** m-forward-req (§6.5.1). */
    public static MmsPdu forwardReq(String transactionId, List<String> to, String contentLocation) {
        MmsPdu.Builder b = start(MessageType.FORWARD_REQ, transactionId).insertAddressFrom();
        to.forEach(b::to);
        return b.text(MmsField.CONTENT_LOCATION, contentLocation).build();
    }

    /** m-forward-conf (§6.5.2). */
    public static MmsPdu forwardConf(String transactionId, int responseStatus, String messageId) {
        MmsPdu.Builder b = start(MessageType.FORWARD_CONF, transactionId)
                .token(MmsField.RESPONSE_STATUS, responseStatus);
        if (messageId != null) {
            b.text(MmsField.MESSAGE_ID, messageId);
        }
        return b.build();
    }

    /** m-cancel-req (MMS 1.3 §6.12): the relay asks the phone to drop a notified message. */
    public static MmsPdu cancelReq(String transactionId, String cancelId) {
        return MmsPdu.builder(MessageType.CANCEL_REQ).transactionId(transactionId).version(1, 3)
                .text(MmsField.CANCEL_ID, cancelId).build();
    }

    /** m-cancel-conf (MMS 1.3 §6.12). */
    public static MmsPdu cancelConf(String transactionId, boolean received) {
        return MmsPdu.builder(MessageType.CANCEL_CONF).transactionId(transactionId).version(1, 3)
                .add(MmsField.CANCEL_STATUS, new HeaderValue.Token(received ? 0 : 1)).build();
    }

    /** A multipart/related body of SMIL, text and media parts, the SMIL first and named by {@code start}. */
    public static ContentType relatedType(String smilContentId) {
        return ContentType.of(ContentType.MULTIPART_RELATED, Parameter.of("start", smilContentId),
                Parameter.of("type", "application/smil"));
    }

    /** A part list as a multipart body. */
    public static Body multipart(Part... parts) {
        return new Body.Multipart(List.of(parts));
    }
}
