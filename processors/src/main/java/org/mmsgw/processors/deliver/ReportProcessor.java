package org.mmsgw.processors.deliver;

import java.time.Clock;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.mmsgw.codec.mms.MmsEncoder;
import org.mmsgw.codec.mms.MmsPdus;
import org.mmsgw.processors.Counters;
import org.mmsgw.processors.MmsHeaders;
import org.mmsgw.processors.mm1.Msisdn;
import org.mmsgw.processors.store.MessageStore;
import org.mmsgw.processors.store.StoredMessage;

/**
 * Builds the report for the original sender (OMA-MMS-ENC §6.6, §6.7): m-delivery-ind with the
 * recipient's status, or m-read-orig-ind with its read status. For a phone sender the body becomes the
 * PDU, {@link MmsHeaders#PUSH_TO} the sender and {@link MmsHeaders#ACTION} {@code push}; a sender that
 * is not a phone gets {@code skip} (reports by mail come with the e-mail flows).
 */
public final class ReportProcessor implements Processor {
    private final MessageStore store;
    private final Clock clock;
    private final Counters counters;

    public ReportProcessor(MessageStore store, Clock clock, Counters counters) {
        this.store = store;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        String messageId = in.getHeader(MmsHeaders.MESSAGE_ID, String.class);
        String recipient = in.getHeader(MmsHeaders.RECIPIENT, String.class);
        String status = in.getHeader(MmsHeaders.REPORT_STATUS, String.class);
        Optional<StoredMessage> message = messageId == null ? Optional.empty() : store.find(messageId);
        Optional<String> sender = message.flatMap(m -> Msisdn.normalise(m.sender()));
        if (sender.isEmpty() || recipient == null || status == null) {
            in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_SKIP);
            return;
        }
        long now = clock.instant().getEpochSecond();
        String to = Msisdn.toMms(sender.get());
        byte[] pdu = "read".equals(in.getHeader(MmsHeaders.REPORT_TYPE, String.class))
                ? new MmsEncoder().encode(MmsPdus.readOrigInd(messageId, to, recipient, now, status))
                : new MmsEncoder().encode(MmsPdus.deliveryInd(messageId, recipient, now, status));
        counters.increment("mmsgw_reports_total", "type", "read".equals(in.getHeader(MmsHeaders.REPORT_TYPE)) ? "read" : "delivery");
        in.setHeader(MmsHeaders.ACTION, MmsHeaders.ACTION_PUSH);
        in.setHeader(MmsHeaders.PUSH_TO, sender.get());
        in.setBody(pdu);
    }
}
