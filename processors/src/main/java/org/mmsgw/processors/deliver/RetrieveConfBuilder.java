package org.mmsgw.processors.deliver;

import java.util.Set;

import org.mmsgw.codec.mms.MessageType;
import org.mmsgw.codec.mms.MmsField;
import org.mmsgw.codec.mms.MmsPdu;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.codec.wsp.Header;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Turns a stored m-send-req into the m-retrieve-conf a recipient fetches (OMA-MMS-ENC §6.3): the
 * Message-ID, Date, From (unless hidden), To and Cc (never Bcc), Subject, class, priority and report
 * requests of the original, and its content unchanged.
 */
public final class RetrieveConfBuilder {
    private static final Set<MmsField> COPIED = Set.of(MmsField.DATE, MmsField.TO, MmsField.CC, MmsField.SUBJECT,
            MmsField.MESSAGE_CLASS, MmsField.PRIORITY, MmsField.DELIVERY_REPORT, MmsField.READ_REPORT);

    public MmsPdu build(StoredMessage message, MmsPdu content, String transactionId) {
        MmsPdu.Builder b = MmsPdu.builder(MessageType.RETRIEVE_CONF).transactionId(transactionId)
                .version(MmsPdus.MAJOR, MmsPdus.MINOR)
                .text(MmsField.MESSAGE_ID, message.messageId());
        if (!message.hideSender()) {
            content.first(MmsField.FROM).ifPresent(from -> b.add(MmsField.FROM, from));
        }
        for (Header h : content.headers()) {
            if (!h.isApplication() && MmsField.fromCode(h.code()).filter(COPIED::contains).isPresent()) {
                b.add(MmsField.fromCode(h.code()).get(), h.value());
            }
        }
        return b.body(content.contentType(), content.body()).build();
    }
}
